package io.tandem.validator.internal.report;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import io.tandem.validator.internal.scan.RowKey;
import io.tandem.validator.internal.schema.ColumnSchema;
import io.tandem.validator.internal.schema.TableSchema;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CQL literals of values and keys, with a session's codecs: what reports show, and what repair parses back. A
 * {@link RowKey} formatted with {@link #formatKey} and parsed with {@link #parseKey} is the same key, byte for byte.
 */
public final class CqlLiterals {

  private final CodecRegistry registry;
  private final ProtocolVersion protocolVersion;

  public CqlLiterals(CodecRegistry registry, ProtocolVersion protocolVersion) {
    this.registry = registry;
    this.protocolVersion = protocolVersion;
  }

  public static CqlLiterals of(CqlSession session) {
    return new CqlLiterals(session.getContext().getCodecRegistry(), session.getContext().getProtocolVersion());
  }

  /** The literal of a decoded value of {@code type}; null when the value is null. */
  public String format(DataType type, Object value) {
    return value == null ? null : registry.codecFor(type).format(value);
  }

  /** The literal of a serialized value of {@code type}; null when absent. */
  public String formatBytes(DataType type, ByteBuffer bytes) {
    if (bytes == null) {
      return null;
    }
    TypeCodec<Object> codec = registry.codecFor(type);
    return codec.format(codec.decode(bytes.duplicate(), protocolVersion));
  }

  /** The literal of {@code literal} parsed and serialized as {@code type}; null for a null literal. */
  public ByteBuffer parseBytes(DataType type, String literal) {
    if (literal == null) {
      return null;
    }
    TypeCodec<Object> codec = registry.codecFor(type);
    return codec.encode(codec.parse(literal), protocolVersion);
  }

  /** Primary key column name to literal, in key order; clustering columns of a static-only row map to null. */
  public Map<String, String> formatKey(TableSchema schema, RowKey key) {
    List<ColumnSchema> columns = schema.primaryKey();
    Map<String, String> literals = new LinkedHashMap<>();
    for (int index = 0; index < columns.size(); index++) {
      ColumnSchema column = columns.get(index);
      literals.put(column.name().asInternal(), formatBytes(column.type(), key.components()[index]));
    }
    return literals;
  }

  /**
   * The key {@link #formatKey} printed, back as a {@link RowKey}.
   *
   * @throws IllegalArgumentException when a primary key column is missing from {@code literals}
   */
  public RowKey parseKey(TableSchema schema, BigInteger token, Map<String, String> literals) {
    List<ColumnSchema> columns = schema.primaryKey();
    ByteBuffer[] components = new ByteBuffer[columns.size()];
    for (int index = 0; index < columns.size(); index++) {
      ColumnSchema column = columns.get(index);
      String name = column.name().asInternal();
      if (!literals.containsKey(name)) {
        throw new IllegalArgumentException("Key of " + schema.displayName() + " lacks column " + name + ": " + literals);
      }
      components[index] = parseBytes(column.type(), literals.get(name));
    }
    return new RowKey(token, components);
  }
}
