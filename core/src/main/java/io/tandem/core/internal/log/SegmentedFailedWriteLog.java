package io.tandem.core.internal.log;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.replay.FailedWrite;
import io.tandem.core.api.replay.FailedWriteLog;
import io.tandem.core.api.replay.FailedWriteLogException;
import io.tandem.core.api.replay.FsyncPolicy;
import io.tandem.core.api.replay.LoggedWrite;
import io.tandem.core.internal.log.SegmentReader.Corruption;
import io.tandem.core.internal.log.SegmentReader.Scan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FailedWriteLog} kept in a folder of segment files ({@code failed-writes-<number>.log}) and a
 * {@code replay.checkpoint} file. Each entry is framed by its length and CRC32C. Appends go to a new
 * segment on every open, and to the next one once a segment would exceed its maximum size; segments that
 * replay has entirely acknowledged are deleted.
 *
 * <p>Build it with {@link #builder(Path)}; by default every append is forced to disk within 100 ms, by a
 * later append or by a force scheduled on a daemon thread ({@link FsyncPolicy#INTERVAL}), and segments hold
 * up to 64 MiB. It publishes
 * the meters {@code tandem.failed_writes.appended}, {@code .errors}, {@code .corrupt}, {@code .pending} and
 * {@code .fsync}. Any number of threads may append; {@link #readPending} and {@link #acknowledge} are meant
 * for one replay thread (and serialized with each other) and never block appends.
 */
public final class SegmentedFailedWriteLog implements FailedWriteLog {

  private static final Logger LOG = LoggerFactory.getLogger(SegmentedFailedWriteLog.class);

  private final SegmentDirectory directory;
  private final FailedWriteLogMetrics metrics;
  private final AtomicLong pendingCount = new AtomicLong();
  /** The numbers of the segment files present, the active one included. */
  private final NavigableSet<Long> segments = new ConcurrentSkipListSet<>();
  /** Where each corrupt segment found stops being readable; it is reported when first added. */
  private final Map<Long, Long> corruptionOffsets = new ConcurrentHashMap<>();
  private final Object replayLock = new Object();
  private final SegmentAppender appender;
  /** The scheduler of deferred forces when the log made it itself, shut down on close; else null. */
  private final ScheduledExecutorService ownScheduler;

  private volatile Checkpoint checkpoint; // replaced under replayLock
  private volatile boolean closed; // set under replayLock

  /** Starts configuring a log kept in {@code directory}, created if missing. */
  public static SegmentedFailedWriteLogBuilder builder(Path directory) {
    return new SegmentedFailedWriteLogBuilder(directory);
  }

  SegmentedFailedWriteLog(SegmentedFailedWriteLogBuilder builder) {
    directory = SegmentDirectory.open(builder.directory());
    MeterRegistry registry = builder.meterRegistry();
    metrics = new FailedWriteLogMetrics(
        registry == null ? new SimpleMeterRegistry() : registry, pendingCount);
    ownScheduler = builder.scheduler() == null && builder.fsyncPolicy() == FsyncPolicy.INTERVAL
        ? Executors.newSingleThreadScheduledExecutor(SegmentedFailedWriteLog::forceThread)
        : null;
    try {
      checkpoint = Checkpoint.load(directory.path());
      long last = Math.max(recover(), checkpoint.segment());
      appender = new SegmentAppender(directory, builder, metrics, segments, pendingCount, last + 1,
          ownScheduler != null ? ownScheduler : builder.scheduler());
    } catch (IOException e) {
      metrics.error();
      closeOnFailure();
      throw SegmentDirectory.failure("open the failed-write log in", directory.path(), e);
    } catch (RuntimeException e) {
      closeOnFailure();
      throw e;
    }
    if (pendingCount.get() > 0) {
      LOG.info("Failed-write log {} opened with writes of earlier runs to replay: {}", directory.path(),
          pendingCount.get());
    }
  }

  /** {@inheritDoc} Appends from several threads are serialized. */
  @Override
  public void append(FailedWrite write) {
    Objects.requireNonNull(write, "write");
    appender.append(frame(write));
    metrics.appended();
  }

  @Override
  public List<LoggedWrite> readPending(int max) {
    if (max <= 0) {
      throw new IllegalArgumentException("max must be positive, got " + max);
    }
    synchronized (replayLock) {
      ensureOpen();
      SegmentWriter writer = appender.active();
      Checkpoint from = checkpoint;
      List<LoggedWrite> entries = new ArrayList<>(Math.min(max, 1024));
      for (long number : segments.tailSet(from.segment(), true)) {
        if (number > writer.number() || entries.size() >= max) {
          break; // a segment started after the snapshot of the active one: read it next time
        }
        readSegment(number, startOf(number, from), writer, entry -> {
          entries.add(entry);
          return entries.size() < max;
        });
      }
      return entries;
    }
  }

  @Override
  public void acknowledge(LoggedWrite upTo) {
    Objects.requireNonNull(upTo, "upTo");
    synchronized (replayLock) {
      ensureOpen();
      Checkpoint from = checkpoint;
      if (from.covers(upTo.segment(), upTo.offset())) {
        return;
      }
      SegmentWriter writer = appender.active();
      if (upTo.segment() > writer.number()
          || (upTo.segment() == writer.number() && upTo.offset() > writer.end())) {
        throw new IllegalArgumentException("Cannot acknowledge segment " + upTo.segment() + " offset "
            + upTo.offset() + ": the failed-write log in " + directory.path() + " does not reach it");
      }
      long acknowledged = countAcknowledged(from, upTo, writer);
      Checkpoint to = new Checkpoint(upTo.segment(), upTo.offset());
      try {
        to.store(directory.path());
      } catch (IOException e) {
        metrics.error();
        throw SegmentDirectory.failure(
            "write the replay checkpoint", directory.path().resolve(Checkpoint.FILE_NAME), e);
      }
      checkpoint = to;
      pendingCount.updateAndGet(pending -> Math.max(0, pending - acknowledged));
      deleteConsumedSegments(writer);
    }
  }

  @Override
  public long pendingCount() {
    return pendingCount.get();
  }

  /** Forces the active segment to disk and closes it. Idempotent; later appends and reads fail. */
  @Override
  public void close() {
    synchronized (replayLock) {
      if (closed) {
        return;
      }
      closed = true;
      metrics.close();
      try {
        appender.close();
      } finally {
        if (ownScheduler != null) {
          ownScheduler.shutdownNow();
        }
      }
    }
  }

  private void closeOnFailure() {
    metrics.close();
    if (ownScheduler != null) {
      ownScheduler.shutdownNow();
    }
  }

  private static Thread forceThread(Runnable runnable) {
    Thread thread = new Thread(runnable, "tandem-failed-write-log-fsync");
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Counts the unacknowledged entries earlier runs left, and deletes the segments holding none.
   *
   * @return the highest segment number found, 0 if none: numbers are never reused
   */
  private long recover() throws IOException {
    NavigableSet<Long> found = directory.listSegments();
    for (long number : found) {
      long count = number < checkpoint.segment() ? 0 : countEntries(number, Long.MAX_VALUE, null);
      if (count == 0) {
        directory.delete(number);
        corruptionOffsets.remove(number);
      } else {
        segments.add(number);
        pendingCount.addAndGet(count);
      }
    }
    return found.isEmpty() ? 0 : found.last();
  }

  private ByteBuffer frame(FailedWrite write) {
    byte[] payload = FailedWriteSerializer.serialize(write);
    if (payload.length > EntryFrame.MAX_PAYLOAD_BYTES) {
      metrics.error();
      throw new FailedWriteLogException("Cannot log a write of " + payload.length + " bytes in the "
          + "failed-write log in " + directory.path() + ": entries are limited to "
          + EntryFrame.MAX_PAYLOAD_BYTES + " bytes", null);
    }
    return EntryFrame.encode(payload);
  }

  private long countAcknowledged(Checkpoint from, LoggedWrite upTo, SegmentWriter writer) {
    long count = 0;
    for (long number : segments.subSet(from.segment(), true, upTo.segment(), true)) {
      count += countEntries(number, number == upTo.segment() ? upTo.offset() : Long.MAX_VALUE, writer);
    }
    return count;
  }

  /** Counts the unacknowledged, readable entries of a segment that end at or before {@code upToOffset}. */
  private long countEntries(long number, long upToOffset, SegmentWriter writer) {
    long[] count = {0};
    readSegment(number, startOf(number, checkpoint), writer, entry -> {
      if (entry.offset() <= upToOffset) {
        count[0]++;
      }
      return entry.offset() < upToOffset;
    });
    return count[0];
  }

  private void deleteConsumedSegments(SegmentWriter writer) {
    for (long number : segments.headSet(checkpoint.segment(), true)) {
      if (number != writer.number() && isConsumedOrEmpty(number) && directory.delete(number)) {
        segments.remove(number);
        corruptionOffsets.remove(number);
      }
    }
  }

  /** Whether a segment that is not the active one holds no entry left to replay. */
  private boolean isConsumedOrEmpty(long number) {
    Checkpoint done = checkpoint;
    return number < done.segment() || readableEnd(number, null) <= startOf(number, done);
  }

  /** Visits the readable entries of a segment from {@code start}, reporting corruption once. */
  private void readSegment(long number, long start, SegmentWriter writer, Predicate<LoggedWrite> visitor) {
    Path file = directory.segmentFile(number);
    try {
      long limit = readableEnd(number, writer);
      if (start >= limit) {
        return;
      }
      Scan scan = SegmentReader.scan(file, number, start, limit, visitor);
      if (scan.corruption() != null) {
        reportCorruption(number, scan.corruption());
      }
    } catch (IOException e) {
      metrics.error();
      throw SegmentDirectory.failure("read the failed-write log segment", file, e);
    }
  }

  /** How far a segment can be read: the active one up to its last complete entry, others up to damage. */
  private long readableEnd(long number, SegmentWriter writer) {
    if (writer != null && number == writer.number()) {
      return writer.end();
    }
    Long corruptAt = corruptionOffsets.get(number);
    try {
      return corruptAt != null ? corruptAt : directory.size(number);
    } catch (IOException e) {
      metrics.error();
      throw SegmentDirectory.failure("read the size of the failed-write log segment",
          directory.segmentFile(number), e);
    }
  }

  private void reportCorruption(long number, Corruption corruption) {
    if (corruptionOffsets.putIfAbsent(number, corruption.offset()) == null) {
      metrics.corrupt();
      LOG.warn("Failed-write log segment {} is corrupt at offset {} ({}): skipping the rest of it, the "
          + "writes logged there after that offset are lost", directory.segmentFile(number),
          corruption.offset(), corruption.reason());
    }
  }

  private static long startOf(long number, Checkpoint from) {
    return number == from.segment() ? from.offset() : 0;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("The failed-write log in " + directory.path() + " is closed");
    }
  }
}
