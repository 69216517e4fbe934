package io.tandem.core.internal.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far replay has got: every entry of segment {@code segment} ending at or before {@code offset}, and
 * every entry of an earlier segment, has been acknowledged. Stored in {@value #FILE_NAME} as the segment
 * number, the offset and a CRC32C of both; replaced atomically.
 */
record Checkpoint(long segment, long offset) {

  static final String FILE_NAME = "replay.checkpoint";

  /** Nothing acknowledged yet: segment numbers start at 1. */
  static final Checkpoint START = new Checkpoint(0, 0);

  private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
  private static final int BYTES = Long.BYTES * 2 + Integer.BYTES;

  /** Whether the entry ending at {@code entryOffset} in {@code entrySegment} is acknowledged. */
  boolean covers(long entrySegment, long entryOffset) {
    return entrySegment < segment || (entrySegment == segment && entryOffset <= offset);
  }

  /**
   * Reads the checkpoint of {@code directory}; {@link #START} if there is none. A damaged file is reported
   * and read as {@link #START}: replaying entries twice is safe, losing them is not.
   */
  static Checkpoint load(Path directory) throws IOException {
    Path file = directory.resolve(FILE_NAME);
    ByteBuffer buffer = ByteBuffer.allocate(BYTES + 1);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // read until the buffer is full or the file ends
      }
    } catch (NoSuchFileException e) {
      return START;
    }
    buffer.flip();
    if (buffer.remaining() != BYTES) {
      LOG.warn("Ignoring damaged replay checkpoint {}: {} bytes instead of {}; every entry of the "
          + "failed-write log will be replayed", file, buffer.remaining(), BYTES);
      return START;
    }
    long segment = buffer.getLong();
    long offset = buffer.getLong();
    if (buffer.getInt() != checksum(segment, offset) || segment < 0 || offset < 0) {
      LOG.warn("Ignoring damaged replay checkpoint {}: checksum mismatch; every entry of the failed-write "
          + "log will be replayed", file);
      return START;
    }
    return new Checkpoint(segment, offset);
  }

  /** Replaces the checkpoint of {@code directory} with this one, durably and atomically. */
  void store(Path directory) throws IOException {
    Path file = directory.resolve(FILE_NAME);
    Path temporary = directory.resolve(FILE_NAME + ".tmp");
    ByteBuffer buffer = ByteBuffer.allocate(BYTES);
    buffer.putLong(segment).putLong(offset).putInt(checksum(segment, offset)).flip();
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    SegmentDirectory.forceDirectory(directory);
  }

  private static int checksum(long segment, long offset) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(Long.BYTES * 2).putLong(segment).putLong(offset).flip());
    return (int) crc.getValue();
  }
}
