package io.tandem.validator.internal.write;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.validator.internal.scan.ScanQuery;
import io.tandem.validator.internal.schema.ColumnSchema;
import io.tandem.validator.internal.schema.TableSchema;
import io.tandem.validator.internal.write.CellGroup.Assignment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one scanned source row into the target writes that recreate its cells with their writetime and TTL
 * (or one backdate timestamp): per (writetime, TTL) group, an INSERT for single-cell columns and an UPDATE for
 * set elements, map entries, UDT fields and whole lists. Unset (null) cells are never written, so no write
 * creates a tombstone other than the one a whole-list assignment implies. Used by the copy, and meant for repair.
 */
public final class RowWritePlanner {

  private static final int STATEMENT_CACHE_SIZE = 256;

  private final ScanQuery query;
  private final TableSchema schema;
  private final WriteTiming timing;
  private final ConsistencyLevel consistency;
  private final CellGrouper grouper;
  private final StatementCache statements;

  public RowWritePlanner(CqlSession target, ScanQuery query, WriteTiming timing, ConsistencyLevel consistency) {
    this.query = query;
    this.schema = query.schema();
    this.timing = timing;
    this.consistency = consistency;
    this.grouper = new CellGrouper(query, timing, target.getContext().getCodecRegistry(),
        target.getContext().getProtocolVersion());
    this.statements = new StatementCache(target, STATEMENT_CACHE_SIZE);
  }

  public ScanQuery query() {
    return query;
  }

  /** Prepares (and caches) another statement on the target, such as a repair's DELETE. */
  public PreparedStatement prepare(String cql) {
    return statements.prepare(cql);
  }

  /**
   * The writes for {@code row}, limited to {@code columns} (all of {@link TableSchema#cells()}, or a subset;
   * leave static columns out for every row of a partition but its first). A row without any regular cell is
   * written as its primary key alone, at the fallback timestamp, so that it exists on the target.
   */
  public List<BoundStatement> writesFor(Row row, List<ColumnSchema> columns) {
    List<BoundStatement> writes = new ArrayList<>();
    for (CellGroup group : grouper.group(row, columns)) {
      if (!group.singles().isEmpty()) {
        writes.add(insert(row, group));
      }
      if (!group.assignments().isEmpty()) {
        writes.add(update(row, group));
      }
    }
    if (!isStaticOnly(row) && hasNoRegularCell(row)) {
      writes.add(primaryKeyOnly(row));
    }
    return writes;
  }

  /** True for the row that stands for a partition holding only static columns (clustering values null). */
  public boolean isStaticOnly(Row row) {
    return !schema.clustering().isEmpty() && row.isNull(query.keyIndex(schema.partitionKey().size()));
  }

  private boolean hasNoRegularCell(Row row) {
    return schema.cells().stream().filter(column -> !column.isStatic())
        .allMatch(column -> row.isNull(query.valueIndex(column)));
  }

  private BoundStatement insert(Row row, CellGroup group) {
    List<ColumnSchema> keyColumns = keyColumns(group.key().isStatic());
    StringBuilder names = new StringBuilder();
    StringBuilder markers = new StringBuilder();
    for (ColumnSchema column : keyColumns) {
      append(names, markers, column.cql());
    }
    for (ColumnSchema column : group.singles().keySet()) {
      append(names, markers, column.cql());
    }
    String cql = "INSERT INTO " + schema.qualifiedName() + " (" + names + ") VALUES (" + markers
        + ") USING TIMESTAMP ? AND TTL ?";
    BoundStatementBuilder builder = statements.prepare(cql).boundStatementBuilder();
    int index = bindKey(builder, row, keyColumns, 0);
    for (ByteBuffer value : group.singles().values()) {
      builder.setBytesUnsafe(index++, value);
    }
    builder.setLong(index++, group.key().timestamp()).setInt(index, group.key().ttl());
    return builder.setConsistencyLevel(consistency).setIdempotence(true).build();
  }

  private BoundStatement update(Row row, CellGroup group) {
    List<ColumnSchema> keyColumns = keyColumns(group.key().isStatic());
    StringBuilder cql = new StringBuilder("UPDATE ").append(schema.qualifiedName())
        .append(" USING TIMESTAMP ? AND TTL ? SET ");
    List<Assignment> assignments = group.assignments();
    for (int index = 0; index < assignments.size(); index++) {
      cql.append(index == 0 ? "" : ", ").append(assignments.get(index).cql());
    }
    cql.append(" WHERE ").append(equalities(keyColumns));
    BoundStatementBuilder builder = statements.prepare(cql.toString()).boundStatementBuilder();
    builder.setLong(0, group.key().timestamp()).setInt(1, group.key().ttl());
    int index = 2;
    for (Assignment assignment : assignments) {
      builder.setBytesUnsafe(index++, assignment.value());
    }
    bindKey(builder, row, keyColumns, index);
    // additions to sets and maps and field assignments are idempotent: the same cells at the same timestamp
    return builder.setConsistencyLevel(consistency).setIdempotence(true).build();
  }

  private BoundStatement primaryKeyOnly(Row row) {
    List<ColumnSchema> keyColumns = schema.primaryKey();
    StringBuilder names = new StringBuilder();
    StringBuilder markers = new StringBuilder();
    keyColumns.forEach(column -> append(names, markers, column.cql()));
    String cql = "INSERT INTO " + schema.qualifiedName() + " (" + names + ") VALUES (" + markers
        + ") USING TIMESTAMP ?";
    BoundStatementBuilder builder = statements.prepare(cql).boundStatementBuilder();
    int index = bindKey(builder, row, keyColumns, 0);
    builder.setLong(index, timing.fallbackTimestamp());
    return builder.setConsistencyLevel(consistency).setIdempotence(true).build();
  }

  private List<ColumnSchema> keyColumns(boolean isStatic) {
    return isStatic ? schema.partitionKey() : schema.primaryKey();
  }

  private int bindKey(BoundStatementBuilder builder, Row row, List<ColumnSchema> keyColumns, int firstIndex) {
    int index = firstIndex;
    for (int position = 0; position < keyColumns.size(); position++) {
      builder.setBytesUnsafe(index++, row.getBytesUnsafe(query.keyIndex(position)));
    }
    return index;
  }

  private static void append(StringBuilder names, StringBuilder markers, String name) {
    names.append(names.isEmpty() ? "" : ", ").append(name);
    markers.append(markers.isEmpty() ? "" : ", ").append('?');
  }

  static String equalities(List<ColumnSchema> columns) {
    StringBuilder where = new StringBuilder();
    for (int index = 0; index < columns.size(); index++) {
      where.append(index == 0 ? "" : " AND ").append(columns.get(index).cql()).append(" = ?");
    }
    return where.toString();
  }
}
