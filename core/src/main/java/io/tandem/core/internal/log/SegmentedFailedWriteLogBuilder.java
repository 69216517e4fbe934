package io.tandem.core.internal.log;

import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.core.api.replay.FailedWriteLogException;
import io.tandem.core.api.replay.FsyncPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Configures and opens a {@link SegmentedFailedWriteLog}; get one from {@link
 * SegmentedFailedWriteLog#builder(Path)}. Defaults: {@link FsyncPolicy#INTERVAL} with a 100 ms interval,
 * 64 MiB segments, a new {@code SimpleMeterRegistry} (meters nobody sees: pass the application's registry),
 * the system UTC clock and, with {@code INTERVAL}, a daemon thread of the log's own for deferred forces.
 */
public final class SegmentedFailedWriteLogBuilder {

  /** How often {@link FsyncPolicy#INTERVAL} forces appends to disk unless configured: 100 ms. */
  public static final Duration DEFAULT_FSYNC_INTERVAL = Duration.ofMillis(100);

  /** The segment size unless configured: 64 MiB. */
  public static final long DEFAULT_MAX_SEGMENT_BYTES = 64L * 1024 * 1024;

  private final Path directory;
  private FsyncPolicy fsyncPolicy = FsyncPolicy.INTERVAL;
  private Duration fsyncInterval = DEFAULT_FSYNC_INTERVAL;
  private long maxSegmentBytes = DEFAULT_MAX_SEGMENT_BYTES;
  private MeterRegistry meterRegistry;
  private Clock clock = Clock.systemUTC();
  private ScheduledExecutorService scheduler;

  SegmentedFailedWriteLogBuilder(Path directory) {
    this.directory = requireNonNull(directory, "directory");
  }

  /** When appended entries are forced to disk. Default {@link FsyncPolicy#INTERVAL}. */
  public SegmentedFailedWriteLogBuilder fsyncPolicy(FsyncPolicy fsyncPolicy) {
    this.fsyncPolicy = requireNonNull(fsyncPolicy, "fsyncPolicy");
    return this;
  }

  /**
   * With {@link FsyncPolicy#INTERVAL}, the longest an append waits to be forced to disk: an append forces the
   * segment when the last force is older than this, otherwise a force is scheduled for when it is. Default
   * 100 ms. Must be positive (to force on every append, use {@link FsyncPolicy#ALWAYS}).
   */
  public SegmentedFailedWriteLogBuilder fsyncInterval(Duration fsyncInterval) {
    requireNonNull(fsyncInterval, "fsyncInterval");
    if (fsyncInterval.isNegative() || fsyncInterval.isZero()) {
      throw new IllegalArgumentException("fsyncInterval must be positive, got " + fsyncInterval
          + " (use FsyncPolicy.ALWAYS to force every append to disk)");
    }
    this.fsyncInterval = fsyncInterval;
    return this;
  }

  /**
   * The size past which appends move on to a new segment file. Default 64 MiB. An entry larger than this
   * gets a segment of its own.
   */
  public SegmentedFailedWriteLogBuilder maxSegmentBytes(long maxSegmentBytes) {
    if (maxSegmentBytes <= 0) {
      throw new IllegalArgumentException("maxSegmentBytes must be positive, got " + maxSegmentBytes);
    }
    this.maxSegmentBytes = maxSegmentBytes;
    return this;
  }

  /** Where the {@code tandem.failed_writes.*} meters are registered. Default: a new SimpleMeterRegistry. */
  public SegmentedFailedWriteLogBuilder meterRegistry(MeterRegistry meterRegistry) {
    this.meterRegistry = requireNonNull(meterRegistry, "meterRegistry");
    return this;
  }

  /** The clock that times {@link FsyncPolicy#INTERVAL} forces. Default: the system UTC clock. */
  public SegmentedFailedWriteLogBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Where {@link FsyncPolicy#INTERVAL}'s scheduled forces run (they force appends no later append did); the
   * log does not shut it down. Default: a daemon thread of the log's own, stopped by {@code close()}.
   */
  public SegmentedFailedWriteLogBuilder scheduler(ScheduledExecutorService scheduler) {
    this.scheduler = requireNonNull(scheduler, "scheduler");
    return this;
  }

  /**
   * Opens the log: creates its folder if missing, counts the entries earlier runs left unacknowledged, and
   * starts a new segment for appends.
   *
   * @throws FailedWriteLogException if the folder cannot be created, read or written
   */
  public SegmentedFailedWriteLog build() {
    return new SegmentedFailedWriteLog(this);
  }

  Path directory() {
    return directory;
  }

  FsyncPolicy fsyncPolicy() {
    return fsyncPolicy;
  }

  Duration fsyncInterval() {
    return fsyncInterval;
  }

  long maxSegmentBytes() {
    return maxSegmentBytes;
  }

  /** The registry to use, or {@code null} for a new one. */
  MeterRegistry meterRegistry() {
    return meterRegistry;
  }

  Clock clock() {
    return clock;
  }

  /** The scheduler to use, or {@code null} for one of the log's own. */
  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  private static <T> T requireNonNull(T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }
}
