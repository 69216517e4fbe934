package io.tandem.core.internal.log;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One memory-mapped intent segment file. What is written to the mapping is in the OS page cache at once, so it
 * survives the process being killed without any force to disk. Entries are appended by one thread at a time
 * (the {@link IntentLog} holds its lock); {@link #done} may come from any thread. Once sealed (no more appends)
 * and with no intent pending, the file is deleted.
 */
final class IntentSegment {

  private final Path file;
  private final MappedByteBuffer map;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean retired = new AtomicBoolean();
  private volatile boolean sealed;
  private int end; // guarded by the IntentLog's lock

  private IntentSegment(Path file, MappedByteBuffer map) {
    this.file = file;
    this.map = map;
  }

  /** Creates the file (sparse, zero-filled) of {@code capacity} bytes and maps it. */
  static IntentSegment create(Path file, int capacity) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      return new IntentSegment(file, channel.map(FileChannel.MapMode.READ_WRITE, 0, capacity));
    }
  }

  Path file() {
    return file;
  }

  boolean fits(int size) {
    return end + size <= map.capacity();
  }

  /** Appends an entry that {@link #fits}; returns its offset. */
  int append(byte[] payload) {
    int offset = end;
    IntentFrame.write(map, offset, payload);
    end += IntentFrame.size(payload.length);
    pending.incrementAndGet();
    return offset;
  }

  /** Marks the entry at {@code offset} done; deletes the file when it was the last one of a sealed segment. */
  void done(int offset) {
    IntentFrame.markDone(map, offset);
    if (pending.decrementAndGet() == 0 && sealed) {
      retire();
    }
  }

  /** No more appends: the file goes as soon as no intent in it is pending. */
  void seal() {
    sealed = true;
    if (pending.get() == 0) {
      retire();
    }
  }

  int pending() {
    return pending.get();
  }

  private void retire() {
    if (retired.compareAndSet(false, true)) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        IntentLog.cannotDelete(file, e);
      }
    }
  }
}
