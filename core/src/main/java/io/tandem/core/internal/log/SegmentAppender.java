package io.tandem.core.internal.log;

import io.tandem.core.api.replay.FailedWriteLogException;
import io.tandem.core.api.replay.FsyncPolicy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.NavigableSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writing side of a {@link SegmentedFailedWriteLog}: appends frames to the active segment, moves on to a
 * new segment when the next frame would make it exceed the maximum size, and forces segments to disk as
 * the {@link FsyncPolicy} says. With {@link FsyncPolicy#INTERVAL}, an append forces the segment when the
 * last force is older than the interval; otherwise it schedules a force for when the interval is up, so an
 * append is on disk at most one interval later even when no other append follows. Appends are serialized;
 * {@link #active()} may be read from any thread.
 */
final class SegmentAppender {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentAppender.class);

  private final SegmentDirectory directory;
  private final FsyncPolicy fsyncPolicy;
  private final long fsyncIntervalMillis;
  private final long maxSegmentBytes;
  private final Clock clock;
  private final FailedWriteLogMetrics metrics;
  private final NavigableSet<Long> segments;
  private final AtomicLong pendingCount;
  private final ScheduledExecutorService scheduler;

  private volatile SegmentWriter active; // replaced under this object's lock
  private long lastForceMillis; // guarded by this object's lock
  private boolean unforced; // appends not forced to disk yet; guarded by this object's lock
  private ScheduledFuture<?> scheduledForce; // guarded by this object's lock
  private boolean closed; // guarded by this object's lock

  /**
   * Starts a new segment numbered {@code firstSegment}.
   *
   * @param segments the numbers of the segment files present, which new segments are added to
   * @param pendingCount incremented for each entry before it becomes readable
   * @param scheduler where {@link FsyncPolicy#INTERVAL}'s deferred forces run; unused with other policies
   */
  SegmentAppender(SegmentDirectory directory, SegmentedFailedWriteLogBuilder settings,
      FailedWriteLogMetrics metrics, NavigableSet<Long> segments, AtomicLong pendingCount, long firstSegment,
      ScheduledExecutorService scheduler) throws IOException {
    this.directory = directory;
    this.fsyncPolicy = settings.fsyncPolicy();
    this.fsyncIntervalMillis = settings.fsyncInterval().toMillis();
    this.maxSegmentBytes = settings.maxSegmentBytes();
    this.clock = settings.clock();
    this.metrics = metrics;
    this.segments = segments;
    this.pendingCount = pendingCount;
    this.scheduler = scheduler;
    this.active = startSegment(firstSegment);
    this.lastForceMillis = clock.millis();
  }

  /** The segment being written. Every segment with a lower number is complete. */
  SegmentWriter active() {
    return active;
  }

  /**
   * Appends one frame, durable according to the fsync policy.
   *
   * @throws FailedWriteLogException if it cannot be written, or the log is closed
   */
  synchronized void append(ByteBuffer frame) {
    if (closed) {
      throw new FailedWriteLogException(
          "Cannot append to the failed-write log in " + directory.path() + ": it is closed", null);
    }
    SegmentWriter writer = active;
    if (writer.end() > 0 && writer.end() + frame.remaining() > maxSegmentBytes) {
      writer = roll(writer);
    }
    try {
      // counted before it becomes readable, so that it cannot be acknowledged before it is counted
      pendingCount.incrementAndGet();
      try {
        writer.append(frame);
      } catch (IOException e) {
        pendingCount.decrementAndGet();
        throw e;
      }
      forceIfDue(writer);
    } catch (IOException e) {
      metrics.error();
      throw SegmentDirectory.failure("append to the failed-write log segment", writer.file(), e);
    }
  }

  /** Forces the active segment to disk and closes it; later appends fail. Idempotent. */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (scheduledForce != null) {
      scheduledForce.cancel(false);
      scheduledForce = null;
    }
    SegmentWriter writer = active;
    try (writer) {
      force(writer);
    } catch (IOException e) {
      metrics.error();
      throw SegmentDirectory.failure("close the failed-write log segment", writer.file(), e);
    }
  }

  private SegmentWriter roll(SegmentWriter full) {
    SegmentWriter next;
    try {
      if (fsyncPolicy != FsyncPolicy.NEVER) {
        force(full);
      }
      next = startSegment(full.number() + 1);
    } catch (IOException e) {
      metrics.error();
      throw SegmentDirectory.failure("start a new segment after", full.file(), e);
    }
    active = next;
    try {
      full.close();
    } catch (IOException e) {
      LOG.warn("Cannot close the full failed-write log segment {}: {}", full.file(), e.toString());
    }
    return next;
  }

  private SegmentWriter startSegment(long number) throws IOException {
    SegmentWriter writer = SegmentWriter.create(number, directory.segmentFile(number));
    segments.add(number);
    if (fsyncPolicy != FsyncPolicy.NEVER) {
      SegmentDirectory.forceDirectory(directory.path());
    }
    return writer;
  }

  private void forceIfDue(SegmentWriter writer) throws IOException {
    boolean due = switch (fsyncPolicy) {
      case ALWAYS -> true;
      case INTERVAL -> clock.millis() - lastForceMillis > fsyncIntervalMillis;
      case NEVER -> false;
    };
    if (due) {
      force(writer);
      return;
    }
    unforced = true;
    if (fsyncPolicy == FsyncPolicy.INTERVAL && scheduledForce == null) {
      scheduleForce(writer);
    }
  }

  /** Schedules a force for when the interval since the last one is up; forces now if that cannot be. */
  private void scheduleForce(SegmentWriter writer) throws IOException {
    long delay = Math.max(0, Math.min(fsyncIntervalMillis, lastForceMillis + fsyncIntervalMillis - clock.millis()));
    try {
      scheduledForce = scheduler.schedule(this::scheduledForce, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      force(writer); // the scheduler is shut down: durability first
    }
  }

  /** Forces the appends that none has forced since; runs on the scheduler. */
  private synchronized void scheduledForce() {
    scheduledForce = null;
    if (closed || !unforced) {
      return;
    }
    SegmentWriter writer = active;
    try {
      force(writer);
    } catch (IOException e) {
      metrics.error();
      LOG.warn("Cannot force the failed-write log segment {} to disk, retrying in {} ms: {}", writer.file(),
          fsyncIntervalMillis, SegmentDirectory.describe(e));
      try {
        scheduledForce = scheduler.schedule(this::scheduledForce, fsyncIntervalMillis, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException rejected) {
        LOG.debug("Not retrying the force of {}: the scheduler is shut down", writer.file());
      }
    }
  }

  private void force(SegmentWriter writer) throws IOException {
    long start = System.nanoTime();
    writer.force();
    metrics.forced(start);
    lastForceMillis = clock.millis();
    unforced = false;
  }
}
