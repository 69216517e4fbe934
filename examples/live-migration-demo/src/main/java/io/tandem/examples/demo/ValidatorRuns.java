package io.tandem.examples.demo;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.validator.api.copy.CopyReport;
import io.tandem.validator.api.copy.TableCopier;
import io.tandem.validator.api.copy.TableCopierBuilder;
import io.tandem.validator.api.copy.TimestampStrategy;
import io.tandem.validator.api.repair.RepairAction;
import io.tandem.validator.api.repair.RepairReport;
import io.tandem.validator.api.repair.Repairer;
import io.tandem.validator.api.validate.Mismatch;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.api.validate.TableValidation;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.api.validate.Validator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The validator's three tools applied to the demo's tables, over direct sessions to each cluster (never
 * through the mirror): the historical copy, the live-aware validation with its report folder, and the repair
 * from a validation's ledger. Each prints its figures under the current phase. The copy's progress and each
 * validation's outcome are recorded in the migration's control store, for the gates of its phases.
 */
final class ValidatorRuns {

  /** The copies of every table, added up. */
  record CopyTotals(long rowsRead, long writes, Duration duration, boolean complete) {
    double rowsPerSecond() {
      return rowsRead / Math.max(duration.toNanos() / 1e9, 1e-3);
    }
  }

  private final CqlSession source;
  private final CqlSession target;
  private final DemoSettings settings;
  private final PhaseLog log;
  private final DemoControlPlane control;

  ValidatorRuns(CqlSession source, CqlSession target, DemoSettings settings, PhaseLog log,
      DemoControlPlane control) {
    this.source = source;
    this.target = target;
    this.settings = settings;
    this.log = log;
    this.control = control;
  }

  /**
   * Copies every table, one after the other. With BACKDATE every copied cell gets {@code backdateMicros},
   * taken before the dual writes began, so any live write is newer than the history.
   */
  CopyTotals copyHistory(long backdateMicros) {
    List<CopyReport> reports = new ArrayList<>();
    for (String table : DemoSchema.TABLES) {
      TableCopierBuilder copier = TableCopier.builder().withSource(source).withTarget(target)
          .forTable(settings.keyspace(), table)
          .withTimestampStrategy(settings.timestamps())
          .withSplits(settings.splits());
      if (settings.timestamps() == TimestampStrategy.BACKDATE) {
        copier.withBackdateTimestamp(backdateMicros);
      }
      CopyReport report = copier.build().run();
      reports.add(report);
      control.recordCopy(settings.keyspace() + "." + table, report, settings.splits());
      log.line("%-16s %s rows read, %s writes, %s rows/s%s%s", table, PhaseLog.count(report.rowsRead()),
          PhaseLog.count(report.writesIssued()), PhaseLog.count(Math.round(report.rowsPerSecond())),
          report.complete() ? "" : ", NOT complete", report.failedRanges().isEmpty() ? ""
              : ", " + report.failedRanges().size() + " failed ranges");
    }
    log.line("copy progress recorded in migration %s (%d ranges per table)", control.migrationId(),
        settings.splits());
    return new CopyTotals(reports.stream().mapToLong(CopyReport::rowsRead).sum(),
        reports.stream().mapToLong(CopyReport::writesIssued).sum(),
        reports.stream().map(CopyReport::duration).reduce(Duration.ZERO, Duration::plus),
        reports.stream().allMatch(report -> report.complete() && report.failedRanges().isEmpty()));
  }

  /**
   * A full two-sided validation of both tables; its ledger, {@code summary.json} and {@code report.html} go to
   * the run folder's {@code name} subfolder.
   */
  ValidationReport validate(String name, boolean compareWritetimes) {
    ValidationReport report = Validator.builder().withSource(source).withTarget(target)
        .forTables(settings.keyspace(), DemoSchema.TABLES)
        .compareWritetimes(compareWritetimes)
        .withSplits(settings.splits())
        .withReportDirectory(settings.reportDirectory(name))
        .build()
        .validate();
    for (TableValidation table : report.tables()) {
      log.line("%-16s source %s rows, target %s rows, %s compared; %s", shortName(table.table()),
          PhaseLog.count(table.sourceRows()), PhaseLog.count(table.targetRows()),
          PhaseLog.count(table.rowsCompared()), kinds(table.counts())
              + (table.failedRanges().isEmpty() ? "" : ", " + table.failedRanges().size() + " ranges NOT read"));
    }
    report.mismatches().stream().filter(mismatch -> mismatch.kind() != MismatchKind.IN_FLIGHT)
        .collect(Collectors.toMap(Mismatch::kind, mismatch -> mismatch, (first, later) -> first,
            () -> new EnumMap<>(MismatchKind.class)))
        .values().forEach(mismatch -> log.line("  e.g. %s %s {%s}", mismatch.kind(), shortName(mismatch.table()),
            mismatch.keyText()));
    report.html().ifPresent(html -> log.line("report: %s", html.toAbsolutePath()));
    control.recordValidation(report);
    log.line("summary recorded in migration %s", control.migrationId());
    return report;
  }

  /** Repairs the target from the report's ledger; rows only on the target are deleted. */
  RepairReport repair(ValidationReport report) {
    RepairReport repair = Repairer.builder().withSource(source).withTarget(target)
        .fromReport(report)
        .withDeleteTargetOnlyRows(true)
        .build()
        .run();
    Map<RepairAction.Kind, Long> counts = repair.counts();
    log.line("%s", counts.entrySet().stream().filter(entry -> entry.getValue() > 0)
        .map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", ")));
    repair.actions().stream().filter(action -> !action.kind().changesTarget()
            && action.kind() != RepairAction.Kind.SKIPPED_ALREADY_EQUAL).limit(3)
        .forEach(action -> log.line("  left alone: %s", action.describe()));
    return repair;
  }

  /** {@code MISMATCH 3, MISSING_IN_TARGET 6, ...}: every kind, zero or not, IN_FLIGHT last. */
  static String kinds(Map<MismatchKind, Long> counts) {
    return List.of(MismatchKind.MISMATCH, MismatchKind.MISSING_IN_TARGET, MismatchKind.MISSING_IN_SOURCE,
            MismatchKind.IN_FLIGHT).stream()
        .map(kind -> kind + " " + counts.getOrDefault(kind, 0L)).collect(Collectors.joining(", "));
  }

  static String kinds(ValidationReport report) {
    Map<MismatchKind, Long> totals = new EnumMap<>(MismatchKind.class);
    for (MismatchKind kind : MismatchKind.values()) {
      totals.put(kind, report.total(kind));
    }
    return kinds(totals);
  }

  private static String shortName(String qualifiedTable) {
    return qualifiedTable.substring(qualifiedTable.indexOf('.') + 1);
  }
}
