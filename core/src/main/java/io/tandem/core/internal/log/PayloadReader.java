package io.tandem.core.internal.log;

import static io.tandem.core.internal.log.FailedWriteSerializer.FORMAT_VERSION;
import static io.tandem.core.internal.log.FailedWriteSerializer.FORMAT_VERSION_WITHOUT_LOGIN;
import static io.tandem.core.internal.log.FailedWriteSerializer.FORMAT_VERSION_WITHOUT_SETTINGS;
import static io.tandem.core.internal.log.FailedWriteSerializer.NO_TIMEOUT;
import static io.tandem.core.internal.log.FailedWriteSerializer.NO_BATCH_CODE;
import static io.tandem.core.internal.log.FailedWriteSerializer.NULL_LENGTH;
import static io.tandem.core.internal.log.FailedWriteSerializer.SOURCE_CODE;
import static io.tandem.core.internal.log.FailedWriteSerializer.TARGET_CODE;
import static io.tandem.core.internal.log.FailedWriteSerializer.UNSET_LENGTH;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.replay.FailedWrite;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes one payload written by {@link FailedWriteSerializer}. Every length and count is checked against
 * the bytes left, so a damaged payload fails with an {@link IllegalArgumentException} instead of a huge
 * allocation. Reads a buffer it owns (a duplicate of the caller's); single use.
 */
final class PayloadReader {

  private final ByteBuffer buffer;

  PayloadReader(ByteBuffer buffer) {
    this.buffer = buffer;
  }

  FailedWrite readFailedWrite() {
    try {
      byte version = buffer.get();
      if (version < FORMAT_VERSION_WITHOUT_LOGIN || version > FORMAT_VERSION) {
        throw malformed("unsupported format version " + version + " (expected " + FORMAT_VERSION_WITHOUT_LOGIN
            + " to " + FORMAT_VERSION + ")");
      }
      Side side = readSide();
      boolean replayable = readBoolean();
      Instant loggedAt = Instant.ofEpochMilli(buffer.getLong());
      String cause = requireNonNull(readString(), "cause");
      WriteCommand command = readCommand();
      if (version >= FORMAT_VERSION_WITHOUT_SETTINGS) {
        command = command.toBuilder().withLogin(readString()).build();
      }
      if (version > FORMAT_VERSION_WITHOUT_SETTINGS) {
        command = readSettings(command);
      }
      if (buffer.hasRemaining()) {
        throw malformed(buffer.remaining() + " unexpected trailing bytes");
      }
      return new FailedWrite(side, command, replayable, cause, loggedAt);
    } catch (BufferUnderflowException e) {
      throw malformed("truncated payload");
    } catch (IllegalStateException e) {
      // WriteCommand.Builder rejects an impossible query list
      throw malformed(e.getMessage());
    }
  }

  private Side readSide() {
    byte code = buffer.get();
    return switch (code) {
      case SOURCE_CODE -> Side.SOURCE;
      case TARGET_CODE -> Side.TARGET;
      default -> throw malformed("unknown side code " + code);
    };
  }

  private WriteCommand readCommand() {
    String keyspace = readString();
    long timestamp = buffer.getLong();
    String consistency = readString();
    boolean idempotent = readBoolean();
    byte batchCode = buffer.get();
    int queryCount = readCount(Integer.BYTES * 3);
    if (queryCount == 0) {
      throw malformed("a write command without queries");
    }
    WriteCommand.Builder builder;
    if (batchCode == NO_BATCH_CODE) {
      builder = WriteCommand.builder(readQuery());
      queryCount--;
    } else {
      builder = WriteCommand.batch(batchType(batchCode));
    }
    for (int i = 0; i < queryCount; i++) {
      builder.addQuery(readQuery());
    }
    return builder
        .withKeyspace(keyspace)
        .withTimestamp(timestamp)
        .withConsistency(consistency == null ? null : consistencyLevel(consistency))
        .withIdempotent(idempotent)
        .build();
  }

  /** Serial consistency and timeout, written since version 3. */
  private WriteCommand readSettings(WriteCommand command) {
    String serial = readString();
    long timeoutNanos = buffer.getLong();
    if (timeoutNanos != NO_TIMEOUT && timeoutNanos <= 0) {
      throw malformed("impossible timeout " + timeoutNanos + " ns");
    }
    return command.toBuilder()
        .withSerialConsistency(serial == null ? null : consistencyLevel(serial))
        .withTimeout(timeoutNanos == NO_TIMEOUT ? null : Duration.ofNanos(timeoutNanos))
        .build();
  }

  private BoundQuery readQuery() {
    String query = requireNonNull(readString(), "query text");
    int valueCount = readCount(Integer.BYTES);
    List<ByteBuffer> values = new ArrayList<>(valueCount);
    for (int i = 0; i < valueCount; i++) {
      values.add(readValue());
    }
    int namedCount = readCount(Integer.BYTES * 2);
    if (namedCount == 0) {
      return BoundQuery.of(query, values);
    }
    if (valueCount > 0) {
      throw malformed("a query with both positional and named values");
    }
    Map<String, ByteBuffer> namedValues = new LinkedHashMap<>();
    for (int i = 0; i < namedCount; i++) {
      namedValues.put(requireNonNull(readString(), "value name"), readValue());
    }
    return BoundQuery.ofNamed(query, namedValues);
  }

  private ByteBuffer readValue() {
    int length = buffer.getInt();
    if (length == NULL_LENGTH) {
      return null;
    }
    if (length == UNSET_LENGTH) {
      return BoundQuery.UNSET;
    }
    return ByteBuffer.wrap(readBytes(length));
  }

  private String readString() {
    int length = buffer.getInt();
    return length == NULL_LENGTH ? null : new String(readBytes(length), StandardCharsets.UTF_8);
  }

  private byte[] readBytes(int length) {
    if (length < 0 || length > buffer.remaining()) {
      throw malformed("impossible length " + length + " with " + buffer.remaining() + " bytes left");
    }
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return bytes;
  }

  /** Reads a count of items that each take at least {@code minimumItemBytes}. */
  private int readCount(int minimumItemBytes) {
    int count = buffer.getInt();
    if (count < 0 || (long) count * minimumItemBytes > buffer.remaining()) {
      throw malformed("impossible count " + count + " with " + buffer.remaining() + " bytes left");
    }
    return count;
  }

  private boolean readBoolean() {
    byte value = buffer.get();
    if (value != 0 && value != 1) {
      throw malformed("invalid boolean " + value);
    }
    return value == 1;
  }

  private static DefaultBatchType batchType(byte code) {
    for (DefaultBatchType type : DefaultBatchType.values()) {
      if (type.getProtocolCode() == code) {
        return type;
      }
    }
    throw malformed("unknown batch type code " + code);
  }

  private static DefaultConsistencyLevel consistencyLevel(String name) {
    try {
      return DefaultConsistencyLevel.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw malformed("unknown consistency level " + name);
    }
  }

  private static <T> T requireNonNull(T value, String what) {
    if (value == null) {
      throw malformed("null " + what);
    }
    return value;
  }

  private static IllegalArgumentException malformed(String reason) {
    return new IllegalArgumentException("Malformed failed-write payload: " + reason);
  }
}
