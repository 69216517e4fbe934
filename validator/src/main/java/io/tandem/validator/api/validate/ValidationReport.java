package io.tandem.validator.api.validate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link Validator#validate()}: one {@link TableValidation} per table, and where the files went
 * (empty when no report directory was set).
 *
 * @param tables  per table, in the order validated
 * @param ledger  every mismatch, IN_FLIGHT included, one JSON object per line, values never truncated
 * @param summary {@code summary.json}
 * @param html    {@code report.html}
 */
public record ValidationReport(List<TableValidation> tables, Optional<Path> ledger, Optional<Path> summary,
    Optional<Path> html) {

  public ValidationReport {
    tables = List.copyOf(tables);
  }

  /**
   * True when no table has a real mismatch ({@link MismatchKind#IN_FLIGHT} does not count) or a failed range, and
   * the validation was not cancelled.
   */
  public boolean hasNoMismatches() {
    return tables.stream().allMatch(TableValidation::hasNoMismatches);
  }

  /** True when {@link Validator#cancel()} stopped the validation: tables after the cancelled one are absent. */
  public boolean cancelled() {
    return tables.stream().anyMatch(TableValidation::cancelled);
  }

  public long total(MismatchKind kind) {
    return tables.stream().mapToLong(table -> table.count(kind)).sum();
  }

  /** Real mismatches over all tables (IN_FLIGHT excluded). */
  public long totalMismatches() {
    return tables.stream().mapToLong(TableValidation::realMismatches).sum();
  }

  public long totalRowsCompared() {
    return tables.stream().mapToLong(TableValidation::rowsCompared).sum();
  }

  /** The kept mismatches of every table, in table order. */
  public List<Mismatch> mismatches() {
    return tables.stream().flatMap(table -> table.mismatches().stream()).toList();
  }

  /** The table named {@code keyspace.table}. */
  public TableValidation table(String name) {
    return tables.stream().filter(table -> table.table().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No table " + name + " in this report; it has "
            + tables.stream().map(TableValidation::table).toList()));
  }
}
