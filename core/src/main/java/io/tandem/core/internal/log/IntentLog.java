package io.tandem.core.internal.log;

import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.replay.FailedWrite;
import io.tandem.core.api.replay.FailedWriteLog;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local record of mirrored copies under way, so that a copy acknowledged to the application survives the
 * process being killed ({@code kill -9}) before the secondary applied it. Each copy is recorded before the
 * application is answered and marked done once applied or appended to the failed-write log. Entries live in
 * memory-mapped segment files ({@code intents-<number>.log}, {@value #DEFAULT_SEGMENT_BYTES} bytes by default) in
 * the folder {@code intents} of the failed-write log's folder: a write to the mapping is in the OS page cache at
 * once, so no force to disk is needed for a killed process (a power loss may lose the last ones). A segment is
 * deleted when full and settled, so the log holds about as many entries as copies in flight.
 *
 * <p>On open, the intents an earlier run left pending are appended to the failed-write log (cause {@value
 * #CAUSE}), which replays them: the copy carries its shared timestamp, so applying it twice is harmless, and
 * copies that must not be repeated go to the non-replayable list as usual. Damaged entries are skipped with an
 * ERROR naming the file and the bytes lost. Thread-safe.
 */
public final class IntentLog implements AutoCloseable {

  /** The cause of the failed-write log entries made from an earlier run's intents. */
  public static final String CAUSE = "unfinished when the process stopped";
  /** The folder of the intent log, inside the failed-write log's folder. */
  public static final String DIRECTORY_NAME = "intents";
  static final int DEFAULT_SEGMENT_BYTES = 8 * 1024 * 1024;
  static final String PREFIX = "intents-";
  static final String SUFFIX = ".log";

  private static final Logger LOG = LoggerFactory.getLogger(IntentLog.class);

  private final Path directory;
  private final boolean enabled;
  private final int segmentBytes;
  private final Clock clock;
  private final IntentLogMetrics metrics;
  private final AtomicLong pending = new AtomicLong();
  private final Object lock = new Object();
  private IntentSegment active; // guarded by lock
  private long nextNumber = 1; // guarded by lock
  private boolean closed; // guarded by lock

  private IntentLog(Path directory, boolean enabled, int segmentBytes, MeterRegistry registry, Clock clock) {
    this.directory = directory;
    this.enabled = enabled;
    this.segmentBytes = segmentBytes;
    this.clock = clock;
    this.metrics = new IntentLogMetrics(registry, pending::get);
  }

  /**
   * Opens the intent log in {@code <failedWriteDirectory>/intents}, first moving what an earlier run left there
   * to {@code owed}. With {@code enabled} false nothing is recorded, but leftovers are still recovered.
   *
   * @throws io.tandem.core.api.replay.FailedWriteLogException if the folder cannot be used, or the leftovers
   *     cannot be read or moved (the files are then kept for the next start)
   */
  public static IntentLog open(Path failedWriteDirectory, FailedWriteLog owed, boolean enabled,
      MeterRegistry registry, Clock clock) {
    return open(failedWriteDirectory, owed, enabled, DEFAULT_SEGMENT_BYTES, registry, clock);
  }

  static IntentLog open(Path failedWriteDirectory, FailedWriteLog owed, boolean enabled, int segmentBytes,
      MeterRegistry registry, Clock clock) {
    Path directory = failedWriteDirectory.toAbsolutePath().resolve(DIRECTORY_NAME);
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw SegmentDirectory.failure("create the intent log folder", directory, e);
    }
    IntentLog log = new IntentLog(directory, enabled, segmentBytes, registry, clock);
    try {
      log.recoverInto(owed);
    } catch (RuntimeException e) {
      log.metrics.close();
      throw e;
    }
    return log;
  }

  /**
   * Records a copy owed to {@code side}; call {@link Intent#done()} once it is applied or logged for replay. Never
   * throws: a copy that cannot be recorded (disk full) is sent all the same, with an ERROR and {@code
   * tandem.mirror.intents_errors}, and {@link Intent#NONE} is returned.
   */
  public Intent record(Side side, WriteCommand command, boolean replayable) {
    if (!enabled) {
      return Intent.NONE;
    }
    byte[] payload = FailedWriteSerializer.serialize(new FailedWrite(side, command, replayable, CAUSE,
        clock.instant()));
    synchronized (lock) {
      if (closed) {
        return Intent.NONE;
      }
      try {
        IntentSegment segment = segmentFor(IntentFrame.size(payload.length));
        int offset = segment.append(payload);
        pending.incrementAndGet();
        return new Recorded(segment, offset);
      } catch (IOException e) {
        metrics.error();
        LOG.error("Cannot record a mirrored copy in the intent log {}: {}; it is sent all the same, but would be "
            + "lost if the process were killed before the secondary applied it. Check the free disk space",
            directory, SegmentDirectory.describe(e));
        return Intent.NONE;
      }
    }
  }

  /** Copies recorded and not yet done. */
  public long pendingCount() {
    return pending.get();
  }

  /** Stops recording; the active segment is deleted once its intents are done (they stay for the next start). */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      if (active != null) {
        active.seal();
      }
    }
    metrics.close();
  }

  Path directory() {
    return directory;
  }

  private IntentSegment segmentFor(int size) throws IOException {
    if (active == null || !active.fits(size)) {
      IntentSegment next = IntentSegment.create(segmentFile(nextNumber), Math.max(segmentBytes, size));
      nextNumber++;
      if (active != null) {
        active.seal();
      }
      active = next;
    }
    return active;
  }

  private Path segmentFile(long number) {
    return directory.resolve(PREFIX + String.format("%020d", number) + SUFFIX);
  }

  private void recoverInto(FailedWriteLog owed) {
    List<Path> files = leftovers();
    long recovered = 0;
    for (Path file : files) {
      recovered += recoverFile(file, owed);
    }
    if (recovered > 0) {
      metrics.recovered(recovered);
      LOG.warn("The process stopped with {} mirrored copies unfinished: moved from the intent log {} to the "
          + "failed-write log, to be replayed", recovered, directory);
    }
  }

  private long recoverFile(Path file, FailedWriteLog owed) {
    IntentSegmentScan scan;
    try {
      scan = IntentSegmentScan.of(file);
    } catch (IOException e) {
      throw SegmentDirectory.failure("read the intent log segment", file, e);
    }
    if (scan.damaged() > 0) {
      metrics.corrupt(scan.damaged());
      LOG.error("Intent log segment {} is damaged: {} unreadable stretch(es), {} bytes from offset {} skipped. "
          + "The copies recorded there, if any were still owed to the secondary, are lost ({} readable ones "
          + "recovered): validate and repair the tables written just before the stop", file, scan.damaged(),
          scan.bytesSkipped(), scan.firstDamageOffset(), scan.pending().size());
    }
    for (FailedWrite write : scan.pending()) {
      owed.append(write);
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw SegmentDirectory.failure("delete the recovered intent log segment", file, e);
    }
    return scan.pending().size();
  }

  private List<Path> leftovers() {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
      stream.forEach(files::add);
    } catch (IOException e) {
      throw SegmentDirectory.failure("list the intent log folder", directory, e);
    }
    files.sort(null); // zero-padded numbers: name order is record order
    return files;
  }

  static void cannotDelete(Path file, IOException e) {
    LOG.warn("Cannot delete the settled intent log segment {}: {}", file, SegmentDirectory.describe(e));
  }

  /** A recorded copy; its first {@link #done()} marks it in the segment. */
  private final class Recorded implements Intent {
    private final IntentSegment segment;
    private final int offset;
    private final AtomicBoolean settled = new AtomicBoolean();

    Recorded(IntentSegment segment, int offset) {
      this.segment = segment;
      this.offset = offset;
    }

    @Override
    public void done() {
      if (settled.compareAndSet(false, true)) {
        segment.done(offset);
        pending.decrementAndGet();
      }
    }
  }
}
