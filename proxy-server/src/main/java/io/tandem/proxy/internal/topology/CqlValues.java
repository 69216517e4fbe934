package io.tandem.proxy.internal.topology;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/** Serialized CQL cells of the types in the system tables, in the protocol v3+ format. */
final class CqlValues {

  private CqlValues() {}

  static ByteBuffer inet(InetAddress address) {
    return ByteBuffer.wrap(address.getAddress());
  }

  static ByteBuffer integer(int value) {
    return ByteBuffer.allocate(Integer.BYTES).putInt(0, value);
  }

  static ByteBuffer uuid(UUID value) {
    return ByteBuffer.allocate(2 * Long.BYTES)
        .putLong(0, value.getMostSignificantBits())
        .putLong(Long.BYTES, value.getLeastSignificantBits());
  }

  static ByteBuffer textSet(Set<String> elements) {
    byte[][] encoded =
        elements.stream().map(element -> element.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    int size = Integer.BYTES;
    for (byte[] element : encoded) {
      size += Integer.BYTES + element.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(size).putInt(encoded.length);
    for (byte[] element : encoded) {
      buffer.putInt(element.length).put(element);
    }
    return buffer.flip();
  }

  /** The text in a cell, or null for a null cell. */
  static String text(ByteBuffer cell) {
    return cell == null ? null : StandardCharsets.UTF_8.decode(cell.duplicate()).toString();
  }
}
