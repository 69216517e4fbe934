package io.tandem.core.internal.log;

import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.replay.FailedWrite;
import io.tandem.core.api.replay.FailedWriteLogException;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * Writes that may not be executed twice (counter updates, list appends) and failed on one cluster: kept in
 * a text file, one block per write with its query, keyspace, timestamp and values in hex, so that a person
 * can check the cluster and apply what is missing. Never dropped.
 */
public final class NonReplayableWrites {

  /** The file's name inside the failed-write log folder. */
  public static final String FILE_NAME = "non-replayable-writes.txt";

  private final Path file;

  public NonReplayableWrites(Path directory) {
    this.file = directory.resolve(FILE_NAME);
  }

  public Path file() {
    return file;
  }

  public synchronized void add(FailedWrite write) {
    StringBuilder text = new StringBuilder();
    text.append("# ").append(write.loggedAt()).append(" owed to ").append(write.side())
        .append(", failed with: ").append(write.cause()).append('\n')
        .append("keyspace=").append(write.command().keyspace())
        .append(" timestamp=").append(write.command().hasTimestamp() ? write.command().timestamp() : "none")
        .append(write.command().isBatch() ? " batch=" + write.command().batchType() : "").append('\n');
    for (BoundQuery query : write.command().queries()) {
      text.append(query.query()).append('\n');
      query.values().forEach(value -> text.append("  value ").append(hex(value)).append('\n'));
      query.namedValues().forEach(
          (name, value) -> text.append("  value ").append(name).append('=').append(hex(value)).append('\n'));
    }
    try (Writer writer =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      writer.write(text.append('\n').toString());
    } catch (IOException e) {
      throw new FailedWriteLogException("Cannot write " + file + ": " + e.getMessage()
          + ". Make the folder writable; the write stays in the failed-write log until then.", e);
    }
  }

  private static String hex(ByteBuffer value) {
    if (value == null) {
      return "null";
    }
    if (BoundQuery.isUnset(value)) {
      return "unset";
    }
    ByteBuffer copy = value.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}
