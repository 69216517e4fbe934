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
 * Clusters before 5.0 refuse WRITETIME/TTL of a non-frozen collection or UDT: built for them, the query reads
 * such a column's value only, and its writetime and TTL are unknown ({@link #hasCellMetadata}).
 */
public final class ScanQuery {

  private final TableSchema schema;
  private final Partitioner partitioner;
  private final String selection;
  private final Map<String, Integer> valueIndexes = new HashMap<>();
  private final int keySize;
  private final boolean readsMultiCellMetadata;

  /**
   * @param readsMultiCellMetadata whether the scanned clusters answer WRITETIME/TTL of multi-cell columns
   *     ({@link io.tandem.validator.internal.schema.ClusterCapabilities})
   */
  public ScanQuery(TableSchema schema, Partitioner partitioner, boolean readsMultiCellMetadata) {
    this.schema = schema;
    this.partitioner = partitioner;
    this.readsMultiCellMetadata = readsMultiCellMetadata;
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
      if (hasCellMetadata(column)) {
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

  /**
   * Index of the column's WRITETIME (a bigint, or a list of them for multi-cell columns); only where {@link
   * #hasCellMetadata}.
   */
  public int writetimeIndex(ColumnSchema column) {
    requireTimestamped(column);
    return valueIndex(column) + 1;
  }

  /**
   * Index of the column's TTL (an int, or a list of them for multi-cell columns); only where {@link
   * #hasCellMetadata}.
   */
  public int ttlIndex(ColumnSchema column) {
    requireTimestamped(column);
    return valueIndex(column) + 2;
  }

  /**
   * Whether the query reads the column's WRITETIME and TTL: not for counters, nor for multi-cell columns on
   * clusters before 5.0 (their writetime and TTL are then unknown, compared and copied by value only).
   */
  public boolean hasCellMetadata(ColumnSchema column) {
    return column.cellKind() != CellKind.COUNTER && (readsMultiCellMetadata || !column.isMultiCell());
  }

  private void requireTimestamped(ColumnSchema column) {
    if (!hasCellMetadata(column)) {
      throw new IllegalArgumentException("Column " + column.cql() + " of " + schema.displayName()
          + " has no WRITETIME or TTL in this scan");
    }
  }
}
