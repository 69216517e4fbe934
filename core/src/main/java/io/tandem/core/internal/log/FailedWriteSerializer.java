package io.tandem.core.internal.log;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchType;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.replay.FailedWrite;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a {@link FailedWrite} in the failed-write log: a format version byte, then the side,
 * the replayable flag, when it was logged, its cause (cut to {@value #MAX_CAUSE_LENGTH} characters), the
 * write command with its raw bound values, (since version 2) the command's login, never a password, and
 * (since version 3) its serial consistency and timeout in nanoseconds ({@code -1} for the session's default).
 * Integers are big-endian; strings are UTF-8 behind an int length ({@code -1} for null); a value's length is
 * {@code -1} for a CQL null and {@code -2} for {@link BoundQuery#UNSET}, which is restored as that very
 * instance.
 *
 * <p>Stateless and thread-safe. Buffers handed in are never consumed nor modified.
 */
public final class FailedWriteSerializer {

  /** The format this class writes; payloads of this version and of versions 1 and 2 are read. */
  public static final byte FORMAT_VERSION = 3;

  /** The second format, with the login but without serial consistency and timeout: still read. */
  static final byte FORMAT_VERSION_WITHOUT_SETTINGS = 2;

  /** The first format, without the login: still read, so a log written by an older Tandem is replayed. */
  static final byte FORMAT_VERSION_WITHOUT_LOGIN = 1;

  /** Longer causes are cut: a cause is a hint for an operator, not a stack trace. */
  public static final int MAX_CAUSE_LENGTH = 1000;

  static final int NULL_LENGTH = -1;
  static final long NO_TIMEOUT = -1;
  static final int UNSET_LENGTH = -2;
  static final byte SOURCE_CODE = 0;
  static final byte TARGET_CODE = 1;
  static final byte NO_BATCH_CODE = -1;

  private FailedWriteSerializer() {}

  /** The payload of {@code write}, in a new array. */
  public static byte[] serialize(FailedWrite write) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream output = new DataOutputStream(bytes)) {
      output.writeByte(FORMAT_VERSION);
      output.writeByte(write.side() == Side.SOURCE ? SOURCE_CODE : TARGET_CODE);
      output.writeBoolean(write.replayable());
      output.writeLong(write.loggedAt().toEpochMilli());
      writeString(output, truncate(write.cause()));
      writeCommand(output, write.command());
      writeString(output, write.command().login());
      writeSettings(output, write.command());
    } catch (IOException e) {
      // a ByteArrayOutputStream does not throw
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads a payload written by {@link #serialize}, from the buffer's position to its limit, without moving
   * its position.
   *
   * @throws IllegalArgumentException if the payload is malformed, truncated, has trailing bytes or another
   *     format version
   */
  public static FailedWrite deserialize(ByteBuffer payload) {
    return new PayloadReader(payload.duplicate()).readFailedWrite();
  }

  /** Cuts a cause to {@link #MAX_CAUSE_LENGTH} characters without splitting a surrogate pair. */
  static String truncate(String cause) {
    if (cause.length() <= MAX_CAUSE_LENGTH) {
      return cause;
    }
    int end = MAX_CAUSE_LENGTH;
    if (Character.isHighSurrogate(cause.charAt(end - 1))) {
      end--;
    }
    return cause.substring(0, end);
  }

  private static void writeCommand(DataOutputStream output, WriteCommand command) throws IOException {
    writeString(output, command.keyspace());
    output.writeLong(command.timestamp());
    ConsistencyLevel consistency = command.consistency();
    writeString(output, consistency == null ? null : consistency.name());
    output.writeBoolean(command.idempotent());
    BatchType batchType = command.batchType();
    output.writeByte(batchType == null ? NO_BATCH_CODE : batchType.getProtocolCode());
    output.writeInt(command.queries().size());
    for (BoundQuery query : command.queries()) {
      writeQuery(output, query);
    }
  }

  private static void writeSettings(DataOutputStream output, WriteCommand command) throws IOException {
    ConsistencyLevel serial = command.serialConsistency();
    writeString(output, serial == null ? null : serial.name());
    output.writeLong(command.timeout() == null ? NO_TIMEOUT : command.timeout().toNanos());
  }

  private static void writeQuery(DataOutputStream output, BoundQuery query) throws IOException {
    writeString(output, query.query());
    List<ByteBuffer> values = query.values();
    output.writeInt(values.size());
    for (ByteBuffer value : values) {
      writeValue(output, value);
    }
    Map<String, ByteBuffer> namedValues = query.namedValues();
    output.writeInt(namedValues.size());
    for (Map.Entry<String, ByteBuffer> entry : namedValues.entrySet()) {
      writeString(output, entry.getKey());
      writeValue(output, entry.getValue());
    }
  }

  private static void writeString(DataOutputStream output, String value) throws IOException {
    if (value == null) {
      output.writeInt(NULL_LENGTH);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    output.writeInt(bytes.length);
    output.write(bytes);
  }

  private static void writeValue(DataOutputStream output, ByteBuffer value) throws IOException {
    if (value == null) {
      output.writeInt(NULL_LENGTH);
    } else if (BoundQuery.isUnset(value)) {
      output.writeInt(UNSET_LENGTH);
    } else {
      output.writeInt(value.remaining());
      if (value.hasArray()) {
        output.write(value.array(), value.arrayOffset() + value.position(), value.remaining());
      } else {
        byte[] copy = new byte[value.remaining()];
        value.duplicate().get(copy);
        output.write(copy);
      }
    }
  }
}
