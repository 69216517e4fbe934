package io.tandem.validator.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.validator.api.validate.SampleReport;
import io.tandem.validator.api.validate.SampleReport.TableSample;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.api.validate.Validator;
import io.tandem.validator.api.validate.ValidatorBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code validate}: the full two-sided diff (or a sample), live-aware, with a ledger and reports. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Compares both clusters row by row over the whole token ring (merge-join per range), so rows "
        + "missing on either side are found. Each difference is re-read after --recheck-delay: those written "
        + "after the scan started (dual writes at work) are reported IN_FLIGHT, not as mismatches.",
        "Writes mismatches.jsonl (every mismatch, values never truncated), summary.json and report.html into "
            + "--report-dir (on Ctrl-C or SIGTERM too, with what was found until then). Exit code 0 when there are "
            + "no mismatches, 1 otherwise."})
public class ValidateCommand implements Callable<Integer> {

  @Mixin ConnectionOptions clusters;
  @Mixin TableSelection selection;
  @Mixin ScanOptions scan;
  @Mixin LoggingOptions logging;

  @Option(names = "--sample", paramLabel = "ROWS",
      description = "Check this many rows at random tokens over the whole ring instead of a full diff: a quick "
          + "confidence figure.")
  Integer samples;

  @Option(names = "--compare-writetimes", description = "Also report cells whose WRITETIME differs.")
  boolean compareWritetimes;

  @Option(names = "--writetime-tolerance", paramLabel = "DURATION", converter = ToleranceConverter.class,
      description = "Compare WRITETIMEs (as --compare-writetimes), but report cells with equal values whose "
          + "WRITETIMEs differ by at most this (e.g. 50ms, 1s, PT0.05S) as WRITETIME_WITHIN_TOLERANCE, not as "
          + "mismatches: for rows written by LWTs, which each cluster stamps with its own Paxos time.")
  Duration writetimeTolerance;

  @Option(names = "--compare-ttls", paramLabel = "TOLERANCE",
      description = "Also report cells whose TTL differs by more than this (e.g. PT60S).")
  Duration ttlTolerance;

  @Option(names = "--recheck-delay", defaultValue = "PT2S", paramLabel = "DURATION",
      description = "How long after seeing a difference it is re-read (default ${DEFAULT-VALUE}).")
  Duration recheckDelay;

  @Option(names = "--report-dir", defaultValue = "tandem-report", paramLabel = "FOLDER",
      description = "Where the ledger and reports go (default ${DEFAULT-VALUE}).")
  Path reportDirectory;

  @Spec CommandSpec spec;

  /** The running validation's shutdown behaviour (tests play the hook by calling its {@code stop()}). */
  volatile GracefulStop gracefulStop;

  @Override
  public Integer call() {
    try (SourceAndTargetSessions sessions = clusters.open()) {
      ValidatorBuilder builder = validator(sessions, selection, scan)
          .compareWritetimes(compareWritetimes)
          .withRecheckDelay(recheckDelay)
          .withReportDirectory(reportDirectory)
          .withProgress(System.out);
      if (writetimeTolerance != null) {
        builder.writetimeTolerance(writetimeTolerance);
      }
      if (ttlTolerance != null) {
        builder.compareTtls(true, ttlTolerance);
      }
      if (samples != null) {
        return sample(builder.build());
      }
      try (ValidationObserver observer = observer(sessions.source())) {
        return validate(builder.build(), observer);
      }
    }
  }

  private int validate(Validator validator, ValidationObserver observer) {
    try (GracefulStop stop = gracefulStop()) {
      Optional<ValidationReport> report = stop.run(validator::cancel, validator::validate);
      report.ifPresent(ValidateCommand::printFiles);
      report.ifPresent(observer::validated);
      return report.isPresent() && report.get().hasNoMismatches() ? 0 : 1;
    }
  }

  /**
   * What else follows a full validation, given the source session once connected: {@link ValidationObserver#NONE}
   * here; the {@code tandem} command overrides it to record the outcome in a migration's control store.
   */
  protected ValidationObserver observer(CqlSession source) {
    return ValidationObserver.NONE;
  }

  /** On Ctrl-C or SIGTERM: the validation is cancelled, and what it found so far written, before the exit. */
  private GracefulStop gracefulStop() {
    gracefulStop = GracefulStop.install("Interrupted: validation stopped; what it found so far is in " + reportDirectory
            + " (mismatches.jsonl, summary.json, report.html); run the same command to validate from the start",
        "Interrupted: the validation did not stop within " + GracefulStop.DEFAULT_WAIT.toSeconds() + " s; the files "
            + "in " + reportDirectory + " may be incomplete; run the same command to validate from the start",
        spec.commandLine().getErr());
    return gracefulStop;
  }

  private static void printFiles(ValidationReport report) {
    report.summary().ifPresent(path -> System.out.println("Summary: " + path.toAbsolutePath()));
    report.ledger().ifPresent(path -> System.out.println("Ledger:  " + path.toAbsolutePath()
        + "  (repair from it: tandem-validator repair --ledger " + path + " ...)"));
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
  static ValidatorBuilder validator(SourceAndTargetSessions sessions, TableSelection selection, ScanOptions scan) {
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
