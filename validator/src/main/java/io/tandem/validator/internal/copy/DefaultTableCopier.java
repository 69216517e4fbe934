package io.tandem.validator.internal.copy;

import io.tandem.validator.api.copy.CopyReport;
import io.tandem.validator.api.copy.CounterMode;
import io.tandem.validator.api.copy.TableCopier;
import io.tandem.validator.api.copy.TimestampStrategy;
import io.tandem.validator.api.range.Partitioner;
import io.tandem.validator.api.range.TokenRange;
import io.tandem.validator.internal.copy.CheckpointState.Status;
import io.tandem.validator.api.range.RangeListener;
import io.tandem.validator.internal.range.Cancellation;
import io.tandem.validator.internal.range.RangeRunner.RangeRunResult;
import io.tandem.validator.internal.range.RangeRunner;
import io.tandem.validator.internal.range.RingSplitter;
import io.tandem.validator.internal.range.RowThrottle;
import io.tandem.validator.internal.report.ConsoleProgress;
import io.tandem.validator.internal.scan.RangeReader;
import io.tandem.validator.internal.scan.RowLookup;
import io.tandem.validator.internal.scan.ScanQuery;
import io.tandem.validator.internal.schema.ClusterCapabilities;
import io.tandem.validator.internal.write.CounterWritePlanner;
import io.tandem.validator.internal.write.RowWritePlanner;
import io.tandem.validator.internal.write.WriteTiming;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link TableCopier}: plans the ranges (or resumes a checkpoint), runs the copy jobs, reports. */
public final class DefaultTableCopier implements TableCopier {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultTableCopier.class);

  private final CopySettings settings;
  private final String table;
  private final Cancellation cancellation = new Cancellation();

  public DefaultTableCopier(CopySettings settings) {
    this.settings = settings;
    this.table = settings.schema().displayName();
  }

  @Override
  public CopyReport run() {
    try {
      return resumeOrStart();
    } finally {
      cancellation.reset();
    }
  }

  private CopyReport resumeOrStart() {
    long startNanos = System.nanoTime();
    // a dry run writes nothing, its checkpoint included
    Optional<Path> checkpointFile = Optional.ofNullable(settings.dryRun() ? null : settings.checkpointDirectory())
        .map(directory -> CopyCheckpoint.fileFor(directory, table));
    Optional<CheckpointState> previous = checkpointFile.flatMap(CopyCheckpoint::read);
    previous.ifPresent(this::requireSameCopy);
    if (previous.isPresent() && previous.get().status() == Status.COMPLETE) {
      LOG.info("Copy of {} is complete according to {}; delete that file to copy again", table, checkpointFile.get());
      return report(previous.get().backdateTimestamp(), new Counts(0, 0, 0), List.of(), true, true, false, startNanos);
    }
    long backdate = previous.map(CheckpointState::backdateTimestamp)
        .orElseGet(() -> settings.backdateTimestamp().orElseGet(this::nowMicros));
    Partitioner partitioner = Partitioner.of(settings.source());
    List<TokenRange> ranges = previous.map(CheckpointState::remainingRanges)
        .orElseGet(() -> RingSplitter.split(settings.source(), partitioner, settings.splits()));
    List<RangeListener> listeners = new ArrayList<>();
    checkpointFile.ifPresent(file ->
        listeners.add(new CopyCheckpoint(file, table, settings.strategy(), backdate, ranges)));
    return copy(ranges, partitioner, backdate, previous.isPresent(), listeners, startNanos);
  }

  private CopyReport copy(List<TokenRange> ranges, Partitioner partitioner, long backdate, boolean resumed,
      List<RangeListener> listeners, long startNanos) {
    CopyMetrics metrics = new CopyMetrics(settings.meterRegistry(), table);
    RowThrottle throttle = throttle();
    try (RetryScheduler retries = RetryScheduler.of(settings.retryScheduler())) {
      ScanQuery query = new ScanQuery(settings.schema(), partitioner, readsMultiCellMetadata());
      RangeReader reader = new RangeReader(settings.source(), query, settings.scanSettings());
      TargetWriter writer = new TargetWriter(settings.target(), throttle, metrics, retries.executor(), settings.dryRun());
      CopyRangeJob job = new CopyRangeJob(reader, handler(query, backdate, writer, metrics), throttle, metrics,
          settings.maxInFlightWrites(), settings.scanSettings().pageSize());
      if (settings.progress() != null) {
        listeners.add(new ConsoleProgress(settings.progress(), "copy " + table, false, Duration.ofSeconds(10)));
      }
      if (settings.rangeListener() != null) {
        listeners.add(settings.rangeListener());
      }
      LOG.info("Copying {} over {} token ranges ({}, {}{})", table, ranges.size(), settings.strategy(),
          resumed ? "resumed" : "new", settings.dryRun() ? ", dry run" : "");
      RangeRunResult result = cancellation.run(new RangeRunner(settings.concurrency(), "copy", Duration.ofSeconds(1)),
          ranges, job, RangeListener.all(listeners));
      List<CopyReport.FailedRange> failed = result.failures().stream()
          .map(failure -> new CopyReport.FailedRange(failure.range(), String.valueOf(failure.error().getMessage())))
          .toList();
      Counts counts = new Counts(metrics.rowsRead(), metrics.writesIssued(), metrics.rowsSkipped());
      return report(backdate, counts, failed, resumed, result.isComplete(), result.cancelled(), startNanos);
    }
  }

  private RowHandler handler(ScanQuery query, long backdate, TargetWriter writer, CopyMetrics metrics) {
    if (settings.schema().isCounterTable()) {
      if (settings.counterMode() != CounterMode.ADD_DIFFERENCE) {
        throw new IllegalStateException("Table " + table + " holds counters: choose CounterMode.ADD_DIFFERENCE");
      }
      RowLookup lookup = new RowLookup(settings.target(), query, settings.scanSettings().consistency(),
          settings.scanSettings().pageTimeout());
      return new CounterDifferenceHandler(lookup,
          new CounterWritePlanner(settings.target(), query, settings.writeConsistency()), writer, metrics);
    }
    WriteTiming timing = settings.strategy() == TimestampStrategy.BACKDATE
        ? WriteTiming.backdate(backdate) : WriteTiming.preserve(backdate);
    return new RowWritesHandler(new RowWritePlanner(settings.target(), query, timing, settings.writeConsistency()),
        writer);
  }

  private RowThrottle throttle() {
    if (settings.adaptiveLatencyTarget() != null) {
      return RowThrottle.adaptive(settings.maxRowsPerSecond(), settings.adaptiveLatencyTarget());
    }
    return RowThrottle.fixed(settings.maxRowsPerSecond());
  }

  private void requireSameCopy(CheckpointState state) {
    if (!table.equals(state.table())) {
      throw new IllegalStateException("The checkpoint for " + table + " names table " + state.table()
          + ": delete it or use another checkpoint directory");
    }
    if (state.strategy() != settings.strategy()) {
      throw new IllegalStateException("The checkpoint for " + table + " was made with timestamp strategy "
          + state.strategy() + ", not " + settings.strategy() + ": resume with " + state.strategy()
          + ", or delete the checkpoint file to start over");
    }
  }

  private CopyReport report(long backdate, Counts counts, List<CopyReport.FailedRange> failed, boolean resumed,
      boolean complete, boolean cancelled, long startNanos) {
    OptionalLong backdateTimestamp =
        settings.strategy() == TimestampStrategy.BACKDATE ? OptionalLong.of(backdate) : OptionalLong.empty();
    return new CopyReport(table, settings.strategy(), backdateTimestamp, counts.rowsRead(), counts.writes(),
        counts.skipped(), failed, resumed, complete, cancelled, settings.dryRun(),
        Duration.ofNanos(System.nanoTime() - startNanos),
        CopyFidelity.of(settings.schema(), settings.strategy(), readsMultiCellMetadata()));
  }

  private boolean readsMultiCellMetadata() {
    return ClusterCapabilities.readMultiCellMetadata(settings.source());
  }

  @Override
  public void cancel() {
    cancellation.cancel();
  }

  private long nowMicros() {
    Instant now = settings.clock().instant();
    return TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1000;
  }

  private record Counts(long rowsRead, long writes, long skipped) {}
}
