package io.tandem.validator.api.copy;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.validator.internal.copy.CopySettings;
import io.tandem.validator.internal.copy.DefaultTableCopier;
import io.tandem.validator.api.range.RangeListener;
import io.tandem.validator.api.range.ScanSettings;
import io.tandem.validator.internal.schema.TableSchema;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Configures a {@link TableCopier}. Required: {@link #withSource}, {@link #withTarget}, {@link #forTable}.
 * Defaults: timestamps PRESERVE, counters REFUSE, 256 splits, 4 ranges in parallel, 32 writes in flight per
 * range, no rate limit, {@link ScanSettings#DEFAULTS}, writes at LOCAL_QUORUM, no checkpoint, no progress bar,
 * metrics into a {@link SimpleMeterRegistry}, the system UTC clock, write retries scheduled on a daemon thread
 * the copy owns. The ranges are copied by a pool of {@link #withConcurrency concurrency} threads that each run
 * creates and shuts down: that pool is the unit of parallelism you set, so it is not taken from the caller.
 */
public final class TableCopierBuilder {

  private CqlSession source;
  private CqlSession target;
  private String keyspace;
  private String table;
  private TimestampStrategy strategy = TimestampStrategy.PRESERVE;
  private OptionalLong backdateTimestamp = OptionalLong.empty();
  private CounterMode counterMode = CounterMode.REFUSE;
  private int splits = 256;
  private int concurrency = 4;
  private int maxInFlightWrites = 32;
  private long maxRowsPerSecond;
  private Duration adaptiveLatencyTarget;
  private ScanSettings scanSettings = ScanSettings.DEFAULTS;
  private ConsistencyLevel writeConsistency = DefaultConsistencyLevel.LOCAL_QUORUM;
  private Path checkpointDirectory;
  private boolean dryRun;
  private PrintStream progress;
  private RangeListener rangeListener;
  private MeterRegistry meterRegistry;
  private Clock clock = Clock.systemUTC();
  private ScheduledExecutorService scheduler;

  TableCopierBuilder() {}

  /** The cluster to read history from. */
  public TableCopierBuilder withSource(CqlSession session) {
    this.source = Objects.requireNonNull(session, "source session");
    return this;
  }

  /** The cluster to write history to. */
  public TableCopierBuilder withTarget(CqlSession session) {
    this.target = Objects.requireNonNull(session, "target session");
    return this;
  }

  /** The table to copy; it must exist with the same columns on both clusters. */
  public TableCopierBuilder forTable(String keyspace, String table) {
    this.keyspace = requireText(keyspace, "keyspace");
    this.table = requireText(table, "table");
    return this;
  }

  /** Default {@link TimestampStrategy#PRESERVE}. */
  public TableCopierBuilder withTimestampStrategy(TimestampStrategy strategy) {
    this.strategy = Objects.requireNonNull(strategy, "timestamp strategy");
    return this;
  }

  /**
   * The timestamp (microseconds since the epoch) of BACKDATE writes and of rows with no cells. Default: the
   * {@link #withClock clock} when {@link TableCopier#run()} starts, before the scan.
   */
  public TableCopierBuilder withBackdateTimestamp(long micros) {
    if (micros <= 0) {
      throw new IllegalArgumentException("backdate timestamp must be microseconds since the epoch (> 0), got " + micros);
    }
    this.backdateTimestamp = OptionalLong.of(micros);
    return this;
  }

  /** Default {@link CounterMode#REFUSE}. */
  public TableCopierBuilder withCounterMode(CounterMode mode) {
    this.counterMode = Objects.requireNonNull(mode, "counter mode");
    return this;
  }

  /** About how many token ranges the ring is cut into (default 256); each is a unit of work and of resume. */
  public TableCopierBuilder withSplits(int splits) {
    this.splits = requirePositive(splits, "splits");
    return this;
  }

  /** Ranges copied in parallel (default 4). */
  public TableCopierBuilder withConcurrency(int concurrency) {
    this.concurrency = requirePositive(concurrency, "concurrency");
    return this;
  }

  /** Writes in flight per range (default 32). */
  public TableCopierBuilder withMaxInFlightWrites(int writes) {
    this.maxInFlightWrites = requirePositive(writes, "maxInFlightWrites");
    return this;
  }

  /** Rows read per second across all ranges (default 0 = unlimited). */
  public TableCopierBuilder withMaxRowsPerSecond(long rowsPerSecond) {
    if (rowsPerSecond < 0) {
      throw new IllegalArgumentException("maxRowsPerSecond must be >= 0 (0 = unlimited), got " + rowsPerSecond);
    }
    this.maxRowsPerSecond = rowsPerSecond;
    return this;
  }

  /**
   * Lowers the rate while target writes fail or take longer than {@code latencyTarget}, raising it back up to
   * the maximum while they succeed under it. Needs {@link #withMaxRowsPerSecond}. Default: a fixed rate.
   */
  public TableCopierBuilder withAdaptiveRate(Duration latencyTarget) {
    if (latencyTarget == null || latencyTarget.isNegative() || latencyTarget.isZero()) {
      throw new IllegalArgumentException("adaptive rate latency target must be positive, got " + latencyTarget);
    }
    this.adaptiveLatencyTarget = latencyTarget;
    return this;
  }

  /** Page size, read consistency and page timeout of the source scans (default {@link ScanSettings#DEFAULTS}). */
  public TableCopierBuilder withScanSettings(ScanSettings settings) {
    this.scanSettings = Objects.requireNonNull(settings, "scan settings");
    return this;
  }

  /** Consistency of the target writes (default LOCAL_QUORUM). */
  public TableCopierBuilder withWriteConsistency(ConsistencyLevel consistency) {
    this.writeConsistency = Objects.requireNonNull(consistency, "write consistency");
    return this;
  }

  /**
   * Where to keep one checkpoint file per table, so that a stopped copy resumes (default: none, a new run starts
   * over).
   */
  public TableCopierBuilder withCheckpointDirectory(Path directory) {
    this.checkpointDirectory = Objects.requireNonNull(directory, "checkpoint directory");
    return this;
  }

  /** Scan and count the writes that would be issued, writing nothing (default false). */
  public TableCopierBuilder withDryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  /** Prints a progress bar to {@code out} (default: none). */
  public TableCopierBuilder withProgress(PrintStream out) {
    this.progress = Objects.requireNonNull(out, "progress stream");
    return this;
  }

  /** An extra listener of range events (default: none). */
  public TableCopierBuilder withRangeListener(RangeListener listener) {
    this.rangeListener = Objects.requireNonNull(listener, "range listener");
    return this;
  }

  /** Where the {@code tandem.copy.*} meters go (default: a new {@link SimpleMeterRegistry}). */
  public TableCopierBuilder withMeterRegistry(MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "meter registry");
    return this;
  }

  /** The clock read for the default backdate timestamp. Default {@link Clock#systemUTC()}. */
  public TableCopierBuilder withClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Runs the back-offs of failed target writes before they are retried. The copy uses it and never shuts it
   * down. Default: a single daemon thread created when {@link TableCopier#run()} starts and shut down when it
   * ends.
   */
  public TableCopierBuilder withScheduler(ScheduledExecutorService scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /**
   * Checks the settings and reads the table's schema from both clusters.
   *
   * @throws IllegalStateException when a required setting is missing or settings contradict each other
   * @throws IllegalArgumentException when the table is missing or differs between the clusters
   */
  public TableCopier build() {
    require(source != null, "No source session: call withSource(session)");
    require(target != null, "No target session: call withTarget(session)");
    require(keyspace != null, "No table: call forTable(keyspace, table)");
    require(adaptiveLatencyTarget == null || maxRowsPerSecond > 0,
        "withAdaptiveRate needs a maximum rate: call withMaxRowsPerSecond(n) with n > 0");
    TableSchema schema = TableSchema.read(source, keyspace, table);
    schema.requireSameShape(TableSchema.read(target, keyspace, table), "the target cluster " + target.getName());
    if (schema.isCounterTable() && counterMode == CounterMode.REFUSE) {
      throw new IllegalStateException("Table " + schema.displayName() + " holds counters, which cannot be copied "
          + "with their writetimes: call withCounterMode(CounterMode.ADD_DIFFERENCE) (run it once, with counter "
          + "writes to the target mirrored or stopped)");
    }
    return new DefaultTableCopier(new CopySettings(source, target, schema, strategy, backdateTimestamp, counterMode,
        splits, concurrency, maxInFlightWrites, maxRowsPerSecond, adaptiveLatencyTarget, scanSettings,
        writeConsistency, checkpointDirectory, dryRun, progress, rangeListener,
        meterRegistry != null ? meterRegistry : new SimpleMeterRegistry(), clock, scheduler));
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  private static int requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
    return value;
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be a non-empty name, got " + value);
    }
    return value;
  }
}
