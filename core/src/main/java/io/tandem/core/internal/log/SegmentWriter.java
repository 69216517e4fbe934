package io.tandem.core.internal.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The segment file appends go to. Writes whole frames at its end and publishes that end only once a frame
 * is completely written, so that readers (through their own channel) never see half an entry. Not
 * thread-safe for writing: the log serializes appends; {@link #end()} may be read from any thread.
 */
final class SegmentWriter implements AutoCloseable {

  private final long number;
  private final Path file;
  private final FileChannel channel;
  private volatile long end;

  private SegmentWriter(long number, Path file, FileChannel channel) {
    this.number = number;
    this.file = file;
    this.channel = channel;
  }

  /** Creates a new, empty segment file; fails if the file exists, as it may hold an earlier run's entries. */
  static SegmentWriter create(long number, Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new SegmentWriter(number, file, channel);
  }

  long number() {
    return number;
  }

  Path file() {
    return file;
  }

  /** The offset just past the last completely written frame. */
  long end() {
    return end;
  }

  /** Writes {@code frame} (from its position to its limit) after the last complete frame. */
  void append(ByteBuffer frame) throws IOException {
    long position = end;
    try {
      while (frame.hasRemaining()) {
        position += channel.write(frame, position);
      }
    } catch (IOException e) {
      discardFrom(end);
      throw e;
    }
    end = position;
  }

  void force() throws IOException {
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** Drops the bytes of a partly written frame, so that the segment stays readable to its end. */
  private void discardFrom(long offset) {
    try {
      channel.truncate(offset);
    } catch (IOException e) {
      // the reader reports the leftover bytes as a corrupt tail; nothing else is lost
    }
  }
}
