package io.tandem.examples.copycli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import io.tandem.examples.copycli.CheckpointFolder.Checkpoint;
import io.tandem.examples.copycli.CliOutput.Copy;
import io.tandem.examples.copycli.CliOutput.Count;
import io.tandem.examples.copycli.OrderHistory.Loaded;
import io.tandem.examples.copycli.StepLog.Step;
import io.tandem.testkit.CassandraStartupException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of the example, step by step: clusters, history, {@code count}, a {@code copy} stopped part-way,
 * {@code count}, the same {@code copy} again, {@code validate}; then the verdict. Every command line still
 * running and the embedded clusters are stopped at the end, on failure, and on Ctrl-C (a shutdown hook).
 */
final class CopyExampleRun {

  private static final long WATCH_INTERVAL_MILLIS = 100;

  private final CopyExampleSettings settings;
  private final StepLog log;
  private final String table;
  private final CheckpointFolder checkpoints;
  private final List<String> failures = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile CopyExampleClusters clusters;
  private volatile ValidatorCli cli;

  private Loaded loaded;
  private Count before;
  private Interruption interruption;
  private Count afterInterruption;
  private Copy resumed;
  private Checkpoint finalCheckpoint;
  private Integer validationStatus;

  /** How the first copy was stopped, and what its checkpoint said then. */
  private record Interruption(Duration after, int exitStatus, Checkpoint checkpoint, int totalRanges) {}

  CopyExampleRun(CopyExampleSettings settings, StepLog log) {
    this.settings = settings;
    this.log = log;
    this.table = settings.keyspace() + "." + OrderHistory.TABLE;
    this.checkpoints = new CheckpointFolder(settings.checkpointDirectory());
  }

  /** Runs every step; returns the exit status (0: resumed from the checkpoint and no difference found). */
  int run() {
    Thread hook = new Thread(this::close, "copy-from-cli-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    log.plain("Tandem example: copy from the command line, %s, %s history rows, copy at %s rows/s, stopped "
            + "with SIG%s at %d%% of its token ranges",
        settings.embedded() ? "embedded clusters" : "real clusters", StepLog.count(settings.rows()),
        StepLog.count(settings.rowsPerSecond()), settings.signal(), settings.interruptAtPercent());
    log.plain("Checkpoints and report: %s", display(settings.runDirectory()));
    try {
      steps();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.failCurrent("interrupted");
      failures.add("interrupted");
    } catch (IOException | RuntimeException e) {
      if (!(e instanceof DriverException || e instanceof CassandraStartupException
          || e instanceof IllegalStateException)) {
        e.printStackTrace(System.out);
      }
      log.failCurrent(String.valueOf(e.getMessage()));
      failures.add("the run stopped on an error (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    } finally {
      close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
    log.printSummary();
    printVerdict();
    return failures.isEmpty() ? 0 : 1;
  }

  private void steps() throws InterruptedException, IOException {
    Step step = log.begin(settings.embedded() ? "Start two Cassandra clusters" : "Name the two clusters");
    clusters = settings.embedded() ? CopyExampleClusters.startEmbedded(settings.workDirectory(), settings.heap())
        : CopyExampleClusters.external(settings.source(), settings.target(), settings.datacenter());
    step.end("source %s, target %s", clusters.sourceContactPoint(), clusters.targetContactPoint());

    loadHistory();
    cli = new ValidatorCli(connectionOptions(), log);

    step = log.begin("count: both sides before the copy");
    before = count("the target is still empty");
    step.end("source %s rows, target %s rows", StepLog.count(before.sourceRows()),
        StepLog.count(before.targetRows()));
    expect(before.sourceRows() == loaded.rows(), "count found " + before.sourceRows() + " source rows, "
        + loaded.rows() + " were loaded");

    step = log.begin("copy, stopped part-way with SIG" + settings.signal());
    interruption = copyAndInterrupt();
    step.end("stopped after %.1f s; checkpoint %s, %d of %d token ranges left", StepLog.seconds(interruption.after),
        interruption.checkpoint.status(), interruption.checkpoint.remainingRanges(), interruption.totalRanges);

    step = log.begin("count: what the stopped copy wrote");
    afterInterruption = count("the copy is unfinished");
    step.end("target %s of %s rows", StepLog.count(afterInterruption.targetRows()),
        StepLog.count(afterInterruption.sourceRows()));

    step = log.begin("copy again, the same command: it resumes");
    resumed = copyAgain();
    step.end("%s rows read (%d%% of the table)%s, checkpoint %s", StepLog.count(resumed.rowsRead()),
        percent(resumed.rowsRead(), before.sourceRows()), resumed.resumed() ? ", resumed" : ", NOT resumed",
        finalCheckpoint == null ? "missing" : finalCheckpoint.status());

    step = log.begin("validate: values, writetimes and TTLs");
    CliProcess.Result validation = cli.run("validate", List.of("--compare-writetimes", "--compare-ttls", "PT1M",
        "--report-dir", display(settings.reportDirectory())));
    validationStatus = validation.exitStatus();
    expect(validationStatus == 0, "validate exited with " + validationStatus + ": it found differences");
    step.end(validationStatus == 0 ? "0 mismatches" : "exit status %d: differences found, see %s",
        validationStatus, display(settings.reportDirectory()));
  }

  private void loadHistory() throws InterruptedException {
    Step step = log.begin("Table on both, history into the source");
    try (CqlSession source = clusters.openSource(); CqlSession target = clusters.openTarget()) {
      for (CqlSession session : List.of(source, target)) {
        if (OrderHistory.keyspaceExists(session, settings.keyspace())) {
          throw new IllegalStateException("Keyspace " + settings.keyspace() + " already exists on the "
              + (session == source ? "source" : "target") + ": drop it or choose another --keyspace");
        }
      }
      // both at once: each waits for its cluster's schema agreement
      CompletableFuture<Void> targetSchema = CompletableFuture.runAsync(
          () -> OrderHistory.createSchema(target, settings.keyspace(), clusters.datacenter()));
      OrderHistory.createSchema(source, settings.keyspace(), clusters.datacenter());
      try {
        targetSchema.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
      log.line("CREATE TABLE %s (customer_id int, order_id int, status text, total decimal, note text, "
          + "PRIMARY KEY (customer_id, order_id))", table);
      long startNanos = System.nanoTime();
      loaded = OrderHistory.load(source, settings.keyspace(), settings.rows());
      double seconds = Math.max((System.nanoTime() - startNanos) / 1e9, 1e-3);
      log.line("each order at its own writetime over the last 90 days; one in four with a TTL of 7 to 30 days; "
          + "one in three with its status updated later");
      step.end("%s rows (%s with a TTL, %s updated later), %s rows/s", StepLog.count(loaded.rows()),
          StepLog.count(loaded.withTtl()), StepLog.count(loaded.updated()),
          StepLog.count((long) (loaded.rows() / seconds)));
    }
  }

  private Count count(String whyTheyDiffer) throws InterruptedException {
    CliProcess.Result result = cli.run("count", List.of());
    Count count = CliOutput.count(result.output(), table).orElseThrow(() -> new IllegalStateException(
        "count printed no line for " + table + " (exit status " + result.exitStatus() + ")"));
    log.line("exit status %d%s", result.exitStatus(),
        result.exitStatus() == 1 && count.sourceRows() != count.targetRows() ? ": the counts differ, " + whyTheyDiffer
            : "");
    return count;
  }

  /** Starts the copy, watches its checkpoint file, and stops it once enough token ranges are done. */
  private Interruption copyAndInterrupt() throws InterruptedException, IOException {
    CliProcess copy = cli.start("copy", copyOptions());
    Duration expected = Duration.ofSeconds(loaded.rows() / settings.rowsPerSecond());
    long deadline = System.nanoTime() + expected.multipliedBy(3).plusSeconds(60).toNanos();
    int totalRanges = 0;
    int lastShown = -1;
    log.line("the example reads the checkpoint in %s every %d ms:", display(checkpoints.directory()),
        WATCH_INTERVAL_MILLIS);
    while (System.nanoTime() < deadline) {
      if (!copy.isAlive()) {
        throw new IllegalStateException("The copy ended on its own (exit status " + copy.awaitExit().exitStatus()
            + ") before " + settings.interruptAtPercent() + "% of its ranges were done: lower --rows-per-second "
            + "or raise --rows");
      }
      Optional<Checkpoint> checkpoint = readWhileWritten();
      if (checkpoint.isPresent()) {
        int remaining = checkpoint.get().remainingRanges();
        totalRanges = Math.max(totalRanges, remaining);
        int done = percent(totalRanges - remaining, totalRanges);
        if (remaining != lastShown) {
          log.line("  %s, %d of %d token ranges left (%d%% done)", checkpoint.get().status(), remaining,
              totalRanges, done);
          lastShown = remaining;
        }
        if (done >= settings.interruptAtPercent()) {
          return interrupt(copy, totalRanges);
        }
      }
      Thread.sleep(WATCH_INTERVAL_MILLIS);
    }
    throw new IllegalStateException("The copy did not reach " + settings.interruptAtPercent() + "% of its ranges "
        + "in time; its output is above");
  }

  private Interruption interrupt(CliProcess copy, int totalRanges) throws IOException {
    Duration after = copy.elapsed();
    log.line("stopping the copy: %s (pid %d)", settings.signal() == StopSignal.KILL
        ? "SIGKILL, Process.destroyForcibly(), as a crash" : "SIGTERM, ProcessHandle.destroy(), as kill PID", copy.pid());
    CliProcess.Result stopped = copy.stop(settings.signal(), 30, TimeUnit.SECONDS);
    log.line("exit status %d%s", stopped.exitStatus(),
        stopped.exitStatus() == settings.signal().exitStatus() ? " (128 + the signal's number)" : "");
    if (settings.signal() == StopSignal.TERM) {
      expect(stopped.output().stream().anyMatch(line -> line.contains("Interrupted: checkpoint saved in")),
          "the copy stopped with SIGTERM did not say that it saved its checkpoint");
    }
    log.line("checkpoint folder %s:", display(checkpoints.directory()));
    for (Path file : checkpoints.files()) {
      log.line("  %-50s %,8d bytes", file.getFileName(), Files.size(file));
    }
    Checkpoint checkpoint = checkpoints.read(table).orElseThrow(() -> new IllegalStateException(
        "The stopped copy left no checkpoint for " + table + " in " + checkpoints.directory()));
    log.line("%s: %s, %d of %d token ranges still to copy, the first %s", checkpoint.table(), checkpoint.status(),
        checkpoint.remainingRanges(), totalRanges, checkpoint.firstRemaining());
    expect(!checkpoint.complete() && checkpoint.remainingRanges() < totalRanges,
        "the checkpoint after the stop should be IN_PROGRESS with fewer than " + totalRanges + " ranges left, "
            + "it is " + checkpoint.status() + " with " + checkpoint.remainingRanges());
    return new Interruption(after, stopped.exitStatus(), checkpoint, totalRanges);
  }

  /** The checkpoint, read again if the copy replaced the file while it was being read. */
  private Optional<Checkpoint> readWhileWritten() throws IOException {
    try {
      return checkpoints.read(table);
    } catch (IOException | UncheckedIOException replacedWhileRead) {
      return Optional.empty();
    }
  }

  private Copy copyAgain() throws InterruptedException, IOException {
    CliProcess.Result result = cli.run("copy", copyOptions());
    log.line("exit status %d", result.exitStatus());
    Copy copy = CliOutput.copy(result.output(), table).orElseThrow(() -> new IllegalStateException(
        "copy printed no summary line for " + table + " (exit status " + result.exitStatus() + ")"));
    finalCheckpoint = checkpoints.read(table).orElse(null);
    if (finalCheckpoint != null) {
      log.line("checkpoint now: %s, %d token ranges left", finalCheckpoint.status(),
          finalCheckpoint.remainingRanges());
    }
    expect(result.exitStatus() == 0 && copy.complete(), "the second copy did not complete (exit status "
        + result.exitStatus() + ")");
    expect(copy.resumed(), "the second copy did not say (resumed): it started over");
    expect(copy.rowsRead() < before.sourceRows(), "the second copy read " + copy.rowsRead() + " rows, not fewer "
        + "than the table's " + before.sourceRows() + ": it did not resume");
    expect(finalCheckpoint != null && finalCheckpoint.complete(), "the checkpoint is not COMPLETE after the copy");
    return copy;
  }

  /** The options naming both clusters and the keyspace, as every subcommand takes them. */
  private List<String> connectionOptions() {
    List<String> options = new ArrayList<>(List.of("--source", clusters.sourceContactPoint(),
        "--target", clusters.targetContactPoint()));
    if (!"datacenter1".equals(clusters.datacenter())) {
      options.addAll(List.of("--source-datacenter", clusters.datacenter()));
    }
    options.addAll(List.of("-k", settings.keyspace()));
    return options;
  }

  private List<String> copyOptions() {
    return List.of("--checkpoint-dir", display(checkpoints.directory()),
        "--max-rows-per-second", String.valueOf(settings.rowsPerSecond()));
  }

  private void expect(boolean condition, String failure) {
    if (!condition) {
      log.line("UNEXPECTED: %s", failure);
      failures.add(failure);
    }
  }

  /** Stops every command line still running and the embedded clusters; the second call does nothing. */
  private void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Step step = log.begin("Stop everything the example started");
    if (cli != null) {
      cli.close();
    }
    if (clusters != null && clusters.embedded()) {
      log.line("stopping the embedded clusters; their logs: %s", clusters.logFiles());
      try {
        clusters.close();
      } catch (RuntimeException e) {
        log.line("could not stop the clusters: %s", e);
      }
    }
    step.end(clusters != null && clusters.embedded() ? "no command line running, both clusters stopped"
        : "no command line running");
  }

  private void printVerdict() {
    log.plain("");
    if (loaded != null) {
      log.plain("History:   %s rows in %s on the source", StepLog.count(loaded.rows()), table);
    }
    if (interruption != null) {
      log.plain("Copy 1:    stopped with SIG%s after %.1f s (exit status %d); its checkpoint: %d of %d token ranges "
              + "left", settings.signal(), StepLog.seconds(interruption.after), interruption.exitStatus,
          interruption.checkpoint.remainingRanges(), interruption.totalRanges);
    }
    if (afterInterruption != null) {
      log.plain("Then:      the target held %s of %s rows", StepLog.count(afterInterruption.targetRows()),
          StepLog.count(afterInterruption.sourceRows()));
    }
    if (resumed != null && afterInterruption != null) {
      long copiedTwice = Math.max(0, afterInterruption.targetRows() + resumed.rowsRead() - before.sourceRows());
      log.plain("Copy 2:    %s, read %s rows (%d%% of the table), %s", resumed.resumed() ? "resumed" : "NOT resumed",
          StepLog.count(resumed.rowsRead()), percent(resumed.rowsRead(), before.sourceRows()), copiedTwice == 0
              ? "none of them already on the target (the checkpoint was saved where the copy stopped)"
              : StepLog.count(copiedTwice) + " of them already on the target (written after the last checkpoint "
                  + "save, so copied again at the same writetime: harmless)");
    }
    if (validationStatus != null) {
      log.plain("Validate:  %s", validationStatus == 0 ? "0 mismatches (values, writetimes, TTLs)"
          : "differences found, see " + display(settings.reportDirectory()));
    }
    if (failures.isEmpty()) {
      log.plain("SUCCESS: the copy stopped with SIG%s resumed from its checkpoint, and both clusters hold the same "
          + "data", settings.signal());
    } else {
      failures.forEach(failure -> log.plain("FAILED: %s", failure));
    }
  }

  private static int percent(long part, long whole) {
    return whole <= 0 ? 0 : (int) (100 * part / whole);
  }

  /** {@code path} relative to the working directory when inside it: shorter commands, same meaning. */
  static String display(Path path) {
    Path workingDirectory = Path.of("").toAbsolutePath();
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(workingDirectory) ? workingDirectory.relativize(absolute).toString()
        : absolute.toString();
  }
}
