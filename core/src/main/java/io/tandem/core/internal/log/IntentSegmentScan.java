package io.tandem.core.internal.log;

import io.tandem.core.api.replay.FailedWrite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What an intent segment left by an earlier run holds: the intents still pending, and the damaged stretches
 * skipped. After a damaged entry the scan looks for the next readable one at each {@value
 * IntentFrame#ALIGNMENT}-byte boundary, so one damaged entry costs that entry, not the rest of the segment. An
 * entry cut short by a kill (no state word, nothing readable after it) is the end of the segment, not damage: its
 * copy was not acknowledged to anyone yet.
 *
 * @param pending the copies owed to a cluster when the process stopped, oldest first
 * @param damaged the damaged stretches found (0 for a sound segment)
 * @param bytesSkipped the bytes of those stretches
 * @param firstDamageOffset where the first one starts, or -1
 */
record IntentSegmentScan(List<FailedWrite> pending, int damaged, long bytesSkipped, long firstDamageOffset) {

  static IntentSegmentScan of(Path file) throws IOException {
    return new Scanner(ByteBuffer.wrap(Files.readAllBytes(file))).scan();
  }

  /** A readable entry: its size with padding, and its write when pending (else null). */
  private record Entry(int size, FailedWrite pending) {}

  private static final class Scanner {
    private final ByteBuffer bytes;
    private final List<FailedWrite> pending = new ArrayList<>();
    private int damaged;
    private long skipped;
    private long firstDamage = -1;

    Scanner(ByteBuffer bytes) {
      this.bytes = bytes;
    }

    IntentSegmentScan scan() {
      int offset = 0;
      while (offset + IntentFrame.HEADER_BYTES <= bytes.limit()) {
        Entry entry = entryAt(offset);
        if (entry != null) {
          if (entry.pending() != null) {
            pending.add(entry.pending());
          }
          offset += entry.size();
          continue;
        }
        int next = nextReadable(offset + IntentFrame.ALIGNMENT);
        if (bytes.getInt(offset) != IntentFrame.END || next >= 0) {
          damage(offset, next < 0 ? lastWrittenEnd(offset) : next);
        }
        if (next < 0) {
          break;
        }
        offset = next;
      }
      return new IntentSegmentScan(List.copyOf(pending), damaged, skipped, firstDamage);
    }

    /** The readable entry at {@code offset}, or null: no state word, a damaged header or payload. */
    private Entry entryAt(int offset) {
      int state = bytes.getInt(offset);
      if (state != IntentFrame.PENDING && state != IntentFrame.DONE) {
        return null;
      }
      int length = bytes.getInt(offset + Integer.BYTES);
      if (length < 0 || length > bytes.limit() - offset - IntentFrame.HEADER_BYTES) {
        return null;
      }
      byte[] payload = new byte[length];
      bytes.get(offset + IntentFrame.HEADER_BYTES, payload);
      if (EntryFrame.checksum(payload) != bytes.getInt(offset + Integer.BYTES * 2)) {
        return null;
      }
      if (state == IntentFrame.DONE) {
        return new Entry(IntentFrame.size(length), null);
      }
      try {
        return new Entry(IntentFrame.size(length), FailedWriteSerializer.deserialize(ByteBuffer.wrap(payload)));
      } catch (IllegalArgumentException e) {
        return null; // a sound frame around a payload this version cannot read
      }
    }

    /** The next offset from {@code from} holding a readable entry, or -1. */
    private int nextReadable(int from) {
      for (int offset = from; offset + IntentFrame.HEADER_BYTES <= bytes.limit(); offset += IntentFrame.ALIGNMENT) {
        int state = bytes.getInt(offset);
        if ((state == IntentFrame.PENDING || state == IntentFrame.DONE) && entryAt(offset) != null) {
          return offset;
        }
      }
      return -1;
    }

    private void damage(int from, int to) {
      if (to <= from) {
        return;
      }
      damaged++;
      skipped += to - from;
      if (firstDamage < 0) {
        firstDamage = from;
      }
    }

    /** The end of the last non-zero {@value IntentFrame#ALIGNMENT}-byte word from {@code from}, or {@code from}. */
    private int lastWrittenEnd(int from) {
      int last = bytes.limit() - bytes.limit() % Long.BYTES - Long.BYTES;
      for (int offset = last; offset >= from; offset -= Long.BYTES) {
        if (bytes.getLong(offset) != 0) {
          return offset + Long.BYTES;
        }
      }
      return from;
    }
  }
}
