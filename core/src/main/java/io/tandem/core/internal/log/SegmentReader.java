package io.tandem.core.internal.log;

import static io.tandem.core.internal.log.EntryFrame.HEADER_BYTES;
import static io.tandem.core.internal.log.EntryFrame.MAX_PAYLOAD_BYTES;

import io.tandem.core.api.replay.FailedWrite;
import io.tandem.core.api.replay.LoggedWrite;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Predicate;

/**
 * Reads the entries of one segment file through its own channel, checking each frame: a length that is
 * impossible or runs past the readable end, a checksum mismatch or a payload that does not decode stops the
 * scan and is returned as a {@link Corruption}, never thrown.
 */
final class SegmentReader {

  private static final int BUFFER_BYTES = 64 * 1024;

  /** Where and why a segment stops being readable. */
  record Corruption(long offset, String reason) {}

  /**
   * The outcome of a scan.
   *
   * @param end the offset just past the last entry visited
   * @param corruption why the scan stopped before {@code limit}, or {@code null}
   */
  record Scan(long end, Corruption corruption) {}

  private final DataInputStream input;
  private final long limit;
  private long offset;

  private SegmentReader(DataInputStream input, long start, long limit) {
    this.input = input;
    this.offset = start;
    this.limit = limit;
  }

  /**
   * Visits the entries of {@code file} from {@code start} (an entry boundary) up to {@code limit}, oldest
   * first, while {@code visitor} returns true. A missing file reads as empty.
   *
   * @throws IOException if the file cannot be read at all
   */
  static Scan scan(Path file, long segment, long start, long limit, Predicate<LoggedWrite> visitor)
      throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      channel.position(start);
      InputStream stream = new BufferedInputStream(Channels.newInputStream(channel), BUFFER_BYTES);
      return new SegmentReader(new DataInputStream(stream), start, limit).scan(segment, visitor);
    } catch (NoSuchFileException e) {
      return new Scan(start, null);
    }
  }

  private Scan scan(long segment, Predicate<LoggedWrite> visitor) throws IOException {
    while (offset < limit) {
      long entryOffset = offset;
      FailedWrite write;
      try {
        write = next();
      } catch (CorruptEntryException e) {
        return new Scan(entryOffset, new Corruption(entryOffset, e.getMessage()));
      } catch (EOFException e) {
        return new Scan(entryOffset, new Corruption(entryOffset, "file ends early"));
      }
      if (!visitor.test(new LoggedWrite(write, segment, offset))) {
        break;
      }
    }
    return new Scan(offset, null);
  }

  /** Reads the entry at {@link #offset} and moves past it. */
  private FailedWrite next() throws IOException, CorruptEntryException {
    long bytesLeft = limit - offset;
    if (bytesLeft < HEADER_BYTES) {
      throw new CorruptEntryException("truncated entry header (" + bytesLeft + " bytes left)");
    }
    int length = input.readInt();
    int checksum = input.readInt();
    if (length <= 0 || length > MAX_PAYLOAD_BYTES) {
      throw new CorruptEntryException("impossible entry length " + length);
    }
    if (length > bytesLeft - HEADER_BYTES) {
      throw new CorruptEntryException(
          "truncated entry (" + length + " bytes expected, " + (bytesLeft - HEADER_BYTES) + " left)");
    }
    byte[] payload = new byte[length];
    input.readFully(payload);
    if (EntryFrame.checksum(payload) != checksum) {
      throw new CorruptEntryException("checksum mismatch");
    }
    FailedWrite write;
    try {
      write = FailedWriteSerializer.deserialize(ByteBuffer.wrap(payload));
    } catch (IllegalArgumentException e) {
      throw new CorruptEntryException(e.getMessage());
    }
    offset += HEADER_BYTES + length;
    return write;
  }

  private static final class CorruptEntryException extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptEntryException(String reason) {
      super(reason, null, false, false);
    }
  }
}
