package io.tandem.validator.internal.scan;

import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.validator.api.range.Partitioner;
import io.tandem.validator.internal.schema.ColumnSchema;
import io.tandem.validator.internal.schema.ColumnSchema.CellKind;
import io.tandem.validator.internal.schema.TableSchema;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one projection every scan of a table uses, and where each value sits in its rows:
 * {@code token(pk), pk..., ck..., then per non-key column: value, WRITETIME, TTL} (no WRITETIME/TTL for
 * counters; lists of them for non-frozen collections and UDTs, one entry per cell, as Cassandra 5 answers).
 */
public final class ScanQuery {

  private final TableSchema schema;
  private final Partitioner partitioner;
  private final String selection;
  private final Map<String, Integer> valueIndexes = new HashMap<>();
  private final int keySize;

  public ScanQuery(TableSchema schema, Partitioner partitioner) {
    this.schema = schema;
    this.partitioner = partitioner;
    StringBuilder select = new StringBuilder(schema.tokenFunction());
    int index = 1;
    for (ColumnSchema column : schema.primaryKey()) {
      select.append(", ").append(column.cql());
      index++;
    }
    this.keySize = index - 1;
    for (ColumnSchema column : schema.cells()) {
      valueIndexes.put(column.cql(), index);
      select.append(", ").append(column.cql());
      index++;
      if (column.cellKind() != CellKind.COUNTER) {
        select.append(", WRITETIME(").append(column.cql()).append("), TTL(").append(column.cql()).append(')');
        index += 2;
      }
    }
    this.selection = select.toString();
  }

  public TableSchema schema() {
    return schema;
  }

  public Partitioner partitioner() {
    return partitioner;
  }

  /** {@code SELECT ... WHERE token(pk) > ? AND token(pk) <= ?}: rows in token order. */
  public String rangeCql() {
    return "SELECT " + selection + " FROM " + schema.qualifiedName() + " WHERE " + schema.tokenFunction() + " > ? AND "
        + schema.tokenFunction() + " <= ?";
  }

  /** {@code SELECT ... WHERE pk1 = ? ... AND ck1 = ? ...}: one row by its full primary key. */
  public String rowCql() {
    return "SELECT " + selection + " FROM " + schema.qualifiedName() + " WHERE " + equalities(schema.primaryKey());
  }

  /** {@code SELECT ... WHERE pk1 = ? ...}: one partition (used for partitions holding only static columns). */
  public String partitionCql() {
    return "SELECT " + selection + " FROM " + schema.qualifiedName() + " WHERE " + equalities(schema.partitionKey());
  }

  /** {@code SELECT ... WHERE token(pk) >= ? LIMIT 1}: the first row at or after a token (sampling). */
  public String firstRowFromTokenCql() {
    return "SELECT " + selection + " FROM " + schema.qualifiedName() + " WHERE " + schema.tokenFunction()
        + " >= ? LIMIT 1";
  }

  private static String equalities(List<ColumnSchema> columns) {
    StringBuilder where = new StringBuilder();
    for (int index = 0; index < columns.size(); index++) {
      where.append(index == 0 ? "" : " AND ").append(columns.get(index).cql()).append(" = ?");
    }
    return where.toString();
  }

  public BigInteger token(Row row) {
    return partitioner.tokenAt(row, 0);
  }

  public RowKey key(Row row) {
    ByteBuffer[] components = new ByteBuffer[keySize];
    for (int index = 0; index < keySize; index++) {
      components[index] = row.getBytesUnsafe(index + 1);
    }
    return new RowKey(token(row), components);
  }

  /** Index of a key column's value ({@code position} in {@link TableSchema#primaryKey()}). */
  public int keyIndex(int position) {
    return position + 1;
  }

  public int valueIndex(ColumnSchema column) {
    Integer index = valueIndexes.get(column.cql());
    if (index == null) {
      throw new IllegalArgumentException("Column " + column.cql() + " is not a non-key column of " + schema.displayName());
    }
    return index;
  }

  /** Index of the column's WRITETIME (a bigint, or a list of them for multi-cell columns); not for counters. */
  public int writetimeIndex(ColumnSchema column) {
    requireTimestamped(column);
    return valueIndex(column) + 1;
  }

  /** Index of the column's TTL (an int, or a list of them for multi-cell columns); not for counters. */
  public int ttlIndex(ColumnSchema column) {
    requireTimestamped(column);
    return valueIndex(column) + 2;
  }

  private static void requireTimestamped(ColumnSchema column) {
    if (column.cellKind() == CellKind.COUNTER) {
      throw new IllegalArgumentException("Counter column " + column.cql() + " has no WRITETIME or TTL");
    }
  }
}
