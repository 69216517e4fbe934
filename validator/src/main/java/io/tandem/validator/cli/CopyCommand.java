package io.tandem.validator.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.validator.api.copy.ColumnFidelity;
import io.tandem.validator.api.copy.CopyReport;
import io.tandem.validator.api.copy.CounterMode;
import io.tandem.validator.api.copy.TableCopier;
import io.tandem.validator.api.copy.TableCopierBuilder;
import io.tandem.validator.api.copy.TimestampStrategy;
import java.io.PrintStream;
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

/** {@code copy}: moves the history of each table from source to target, resumable from checkpoints. */
@Command(name = "copy", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Copies every row of each table from the source to the target while dual writes run.",
        "PRESERVE keeps each cell's writetime and TTL; BACKDATE writes everything at one timestamp taken before "
            + "the scan, so no live write can be overwritten by history.",
        "Interrupted? Run the same command again: it resumes from the checkpoint (Ctrl-C and SIGTERM save it "
            + "before the exit)."})
public class CopyCommand implements Callable<Integer> {

  @Mixin ConnectionOptions clusters;
  @Mixin TableSelection selection;
  @Mixin ScanOptions scan;
  @Mixin LoggingOptions logging;

  @Option(names = "--strategy", defaultValue = "PRESERVE",
      description = "Timestamps: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  TimestampStrategy strategy;

  @Option(names = "--backdate-timestamp", paramLabel = "MICROS",
      description = "BACKDATE's timestamp in microseconds since the epoch (default: when the copy starts; take "
          + "it before dual writes began, or at least before the copy).")
  Long backdateTimestamp;

  @Option(names = "--counter-mode", defaultValue = "REFUSE",
      description = "Counter tables: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}). ADD_DIFFERENCE adds "
          + "source minus target to each target counter: run it once.")
  CounterMode counterMode;

  @Option(names = "--max-in-flight", defaultValue = "32",
      description = "Target writes in flight per range (default ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--adaptive-latency", paramLabel = "DURATION",
      description = "Lower the rate while target writes take longer than this (needs --max-rows-per-second).")
  Duration adaptiveLatency;

  @Option(names = "--checkpoint-dir", defaultValue = "tandem-checkpoints", paramLabel = "FOLDER",
      description = "Where progress is saved for resuming (default ${DEFAULT-VALUE}).")
  Path checkpointDirectory;

  @Option(names = "--dry-run", description = "Read and count, write nothing.")
  boolean dryRun;

  @Spec CommandSpec spec;

  /** The running command's shutdown behaviour (tests play the hook by calling its {@code stop()}). */
  volatile GracefulStop gracefulStop;

  @Override
  public Integer call() {
    PrintStream out = System.out;
    boolean allComplete = true;
    try (SourceAndTargetSessions sessions = clusters.open(); GracefulStop stop = gracefulStop();
        CopyObserver observer = observer(sessions.source())) {
      for (String table : selection.resolve(sessions.source())) {
        TableCopier copier = copier(sessions, table, observer);
        Optional<CopyReport> report = stop.run(copier::cancel, copier::run);
        if (report.isEmpty()) {
          return 1;
        }
        observer.copied(report.get());
        print(out, report.get());
        allComplete &= report.get().complete();
        if (report.get().cancelled()) {
          break;
        }
      }
    }
    return allComplete ? 0 : 1;
  }

  /**
   * What else follows the copy, given the source session once connected: {@link CopyObserver#NONE} here; the
   * {@code tandem} command overrides it to record progress in a migration's control store.
   */
  protected CopyObserver observer(CqlSession source) {
    return CopyObserver.NONE;
  }

  /** On Ctrl-C or SIGTERM: the running table's copy is cancelled and its checkpoint saved before the exit. */
  private GracefulStop gracefulStop() {
    long wait = GracefulStop.DEFAULT_WAIT.toSeconds();
    String stopped = dryRun ? "Interrupted: the dry run stopped; it wrote nothing (no checkpoint either)"
        : "Interrupted: checkpoint saved in " + checkpointDirectory + "; run the same command to resume";
    String late = dryRun ? "Interrupted: the dry run did not stop within " + wait + " s; it wrote nothing"
        : "Interrupted: the copy did not stop within " + wait + " s; its last checkpoint save (once a second) is in "
            + checkpointDirectory + "; run the same command to resume";
    gracefulStop = GracefulStop.install(stopped, late, spec.commandLine().getErr());
    return gracefulStop;
  }

  private TableCopier copier(SourceAndTargetSessions sessions, String table, CopyObserver observer) {
    TableCopierBuilder builder = TableCopier.builder()
        .withSource(sessions.source())
        .withTarget(sessions.target())
        .forTable(selection.keyspace, table)
        .withTimestampStrategy(strategy)
        .withCounterMode(counterMode)
        .withSplits(scan.splits)
        .withConcurrency(scan.concurrency)
        .withMaxInFlightWrites(maxInFlight)
        .withMaxRowsPerSecond(scan.maxRowsPerSecond)
        .withScanSettings(scan.settings())
        .withCheckpointDirectory(checkpointDirectory)
        .withDryRun(dryRun)
        .withProgress(System.out)
        .withRangeListener(observer.starting(selection.keyspace + "." + table, scan.splits));
    if (backdateTimestamp != null) {
      builder.withBackdateTimestamp(backdateTimestamp);
    }
    if (adaptiveLatency != null) {
      builder.withAdaptiveRate(adaptiveLatency);
    }
    return builder.build();
  }

  private static void print(PrintStream out, CopyReport report) {
    out.printf(Locale.ROOT, "%s: %s%s, %,d rows read, %,d writes, %.0f rows/s, %s%s%n", report.table(),
        report.dryRun() ? "DRY RUN, " : "", report.strategy(), report.rowsRead(), report.writesIssued(),
        report.rowsPerSecond(), report.complete() ? "complete" : report.cancelled() ? "cancelled" : "INCOMPLETE",
        report.resumed() ? " (resumed)" : "");
    report.failedRanges().forEach(failed ->
        out.printf(Locale.ROOT, "  failed range %s: %s (run again to retry it)%n", failed.range(), failed.message()));
    for (ColumnFidelity column : report.columns()) {
      if (column.fidelity() != ColumnFidelity.Fidelity.EXACT) {
        out.printf(Locale.ROOT, "  %s: %s, %s%n", column.column(), column.fidelity(), column.note());
      }
    }
  }
}
