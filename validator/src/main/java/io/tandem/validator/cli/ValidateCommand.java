package io.tandem.validator.cli;

import io.tandem.validator.api.validate.SampleReport;
import io.tandem.validator.api.validate.SampleReport.TableSample;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.api.validate.Validator;
import io.tandem.validator.api.validate.ValidatorBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code validate}: the full two-sided diff (or a sample), live-aware, with a ledger and reports. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Compares both clusters row by row over the whole token ring (merge-join per range), so rows "
        + "missing on either side are found. Each difference is re-read after --recheck-delay: those written "
        + "after the scan started (dual writes at work) are reported IN_FLIGHT, not as mismatches.",
        "Writes mismatches.jsonl (every mismatch, values never truncated), summary.json and report.html into "
            + "--report-dir. Exit code 0 when there are no mismatches, 1 otherwise."})
final class ValidateCommand implements Callable<Integer> {

  @Mixin ClusterOptions clusters;
  @Mixin TableSelection selection;
  @Mixin ScanOptions scan;
  @Mixin LoggingOptions logging;

  @Option(names = "--sample", paramLabel = "ROWS",
      description = "Check this many rows at random tokens over the whole ring instead of a full diff: a quick "
          + "confidence figure.")
  Integer samples;

  @Option(names = "--compare-writetimes", description = "Also report cells whose WRITETIME differs.")
  boolean compareWritetimes;

  @Option(names = "--compare-ttls", paramLabel = "TOLERANCE",
      description = "Also report cells whose TTL differs by more than this (e.g. PT60S).")
  Duration ttlTolerance;

  @Option(names = "--recheck-delay", defaultValue = "PT2S", paramLabel = "DURATION",
      description = "How long after seeing a difference it is re-read (default ${DEFAULT-VALUE}).")
  Duration recheckDelay;

  @Option(names = "--report-dir", defaultValue = "tandem-report", paramLabel = "FOLDER",
      description = "Where the ledger and reports go (default ${DEFAULT-VALUE}).")
  Path reportDirectory;

  @Override
  public Integer call() {
    try (ClusterSessions sessions = clusters.open()) {
      ValidatorBuilder builder = validator(sessions, selection, scan)
          .compareWritetimes(compareWritetimes)
          .withRecheckDelay(recheckDelay)
          .withReportDirectory(reportDirectory)
          .withProgress(System.out);
      if (ttlTolerance != null) {
        builder.compareTtls(true, ttlTolerance);
      }
      return samples != null ? sample(builder.build()) : validate(builder.build());
    }
  }

  private int validate(Validator validator) {
    ValidationReport report = validator.validate();
    report.summary().ifPresent(path -> System.out.println("Summary: " + path.toAbsolutePath()));
    report.ledger().ifPresent(path -> System.out.println("Ledger:  " + path.toAbsolutePath()
        + "  (repair from it: tandem-validator repair --ledger " + path + " ...)"));
    return report.hasNoMismatches() ? 0 : 1;
  }

  private int sample(Validator validator) {
    SampleReport report = validator.sample(samples);
    for (TableSample table : report.tables()) {
      System.out.printf(Locale.ROOT, "%s: %,d rows sampled, %,d mismatches; mismatch rate below %.3f%% (95%% "
          + "confidence)%n", table.table(), table.samples(), table.mismatches(), table.mismatchRateUpperBound() * 100);
    }
    return report.mismatches() == 0 ? 0 : 1;
  }

  /** A builder with the connection, tables and scan settings every validator-based subcommand shares. */
  static ValidatorBuilder validator(ClusterSessions sessions, TableSelection selection, ScanOptions scan) {
    return Validator.builder()
        .withSource(sessions.source())
        .withTarget(sessions.target())
        .forTables(selection.keyspace, selection.resolve(sessions.source()))
        .withSplits(scan.splits)
        .withConcurrency(scan.concurrency)
        .withMaxRowsPerSecond(scan.maxRowsPerSecond)
        .withScanSettings(scan.settings());
  }
}
