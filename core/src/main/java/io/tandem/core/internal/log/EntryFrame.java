package io.tandem.core.internal.log;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * How an entry sits in a segment file: its payload length (int), the CRC32C of its payload (int), then the
 * payload produced by {@link FailedWriteSerializer}.
 */
final class EntryFrame {

  static final int HEADER_BYTES = Integer.BYTES * 2;

  /** Larger lengths can only come from a damaged header: Cassandra refuses much smaller mutations. */
  static final int MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

  private EntryFrame() {}

  /** The frame of {@code payload}, ready to be written. */
  static ByteBuffer encode(byte[] payload) {
    ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + payload.length);
    frame.putInt(payload.length).putInt(checksum(payload)).put(payload).flip();
    return frame;
  }

  static int checksum(byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(payload, 0, payload.length);
    return (int) crc.getValue();
  }
}
