package io.tandem.validator.api.validate;

import java.util.List;

/** Row counts per table on both clusters, from {@link Validator#count()}. */
public record CountReport(List<TableCount> tables) {

  public CountReport {
    tables = List.copyOf(tables);
  }

  /** One table's counts; {@code failedRanges} were not counted. */
  public record TableCount(String table, long sourceRows, long targetRows, List<FailedRange> failedRanges) {
    public TableCount {
      failedRanges = List.copyOf(failedRanges);
    }

    public boolean matches() {
      return sourceRows == targetRows && failedRanges.isEmpty();
    }
  }

  /** True when every table has the same count on both sides and every range was counted. */
  public boolean matches() {
    return tables.stream().allMatch(TableCount::matches);
  }

  public TableCount table(String name) {
    return tables.stream().filter(table -> table.table().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No table " + name + " in this report"));
  }
}
