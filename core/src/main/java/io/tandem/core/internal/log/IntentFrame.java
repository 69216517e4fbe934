package io.tandem.core.internal.log;

import java.nio.ByteBuffer;

/**
 * How an intent sits in an intent segment: a state word, then an {@link EntryFrame} (length, CRC32C, the payload
 * of {@link FailedWriteSerializer}), padded to {@value #ALIGNMENT} bytes so a reader can find the next entry
 * after a damaged one. The state word is written last: an entry cut short by a kill reads as the end of the
 * segment (its copy was not yet acknowledged to anyone), and {@link #DONE} overwrites it when the copy is settled.
 */
final class IntentFrame {

  static final int PENDING = 0x494e5450; // "INTP"
  static final int DONE = 0x494e5444; // "INTD"
  /** A state word of zero: nothing was written from here on. */
  static final int END = 0;
  static final int ALIGNMENT = 8;
  static final int HEADER_BYTES = Integer.BYTES + EntryFrame.HEADER_BYTES;

  private IntentFrame() {}

  /** The bytes an entry of {@code payloadLength} takes, padding included. */
  static int size(int payloadLength) {
    int raw = HEADER_BYTES + payloadLength;
    return (raw + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
  }

  /** Writes the entry at {@code offset}, the state word last. */
  static void write(ByteBuffer segment, int offset, byte[] payload) {
    segment.putInt(offset + Integer.BYTES, payload.length);
    segment.putInt(offset + Integer.BYTES * 2, EntryFrame.checksum(payload));
    segment.put(offset + HEADER_BYTES, payload);
    segment.putInt(offset, PENDING);
  }

  static void markDone(ByteBuffer segment, int offset) {
    segment.putInt(offset, DONE);
  }
}
