package io.tandem.validator.internal.write;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.validator.internal.scan.ScanQuery;
import io.tandem.validator.internal.schema.ColumnSchema;
import io.tandem.validator.internal.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes target counters equal to source counters by adding the difference:
 * {@code UPDATE t SET c = c + ? WHERE pk...} with {@code source - target} per counter. Not idempotent: a retried
 * or concurrent increment is counted twice, so run it once, with target counter writes mirrored or stopped.
 */
public final class CounterWritePlanner {

  private final ScanQuery query;
  private final TableSchema schema;
  private final ConsistencyLevel consistency;
  private final StatementCache statements;

  public CounterWritePlanner(CqlSession target, ScanQuery query, ConsistencyLevel consistency) {
    this.query = query;
    this.schema = query.schema();
    this.consistency = consistency;
    this.statements = new StatementCache(target, 64);
  }

  /**
   * The increment that brings {@code target} (the same row read from the target, if it exists there) to the
   * values of {@code source}, for {@code columns}; empty when they are equal already.
   */
  public Optional<BoundStatement> differenceFor(Row source, Optional<Row> target, List<ColumnSchema> columns) {
    List<ColumnSchema> changed = new ArrayList<>();
    List<Long> deltas = new ArrayList<>();
    for (ColumnSchema column : columns) {
      long delta = counter(Optional.of(source), column) - counter(target, column);
      if (delta != 0) {
        changed.add(column);
        deltas.add(delta);
      }
    }
    if (changed.isEmpty()) {
      return Optional.empty();
    }
    boolean staticOnly = changed.stream().allMatch(ColumnSchema::isStatic);
    List<ColumnSchema> keyColumns = staticOnly ? schema.partitionKey() : schema.primaryKey();
    StringBuilder cql = new StringBuilder("UPDATE ").append(schema.qualifiedName()).append(" SET ");
    for (int index = 0; index < changed.size(); index++) {
      String name = changed.get(index).cql();
      cql.append(index == 0 ? "" : ", ").append(name).append(" = ").append(name).append(" + ?");
    }
    cql.append(" WHERE ").append(RowWritePlanner.equalities(keyColumns));
    BoundStatementBuilder builder = statements.prepare(cql.toString()).boundStatementBuilder();
    int index = 0;
    for (long delta : deltas) {
      builder.setLong(index++, delta);
    }
    for (int position = 0; position < keyColumns.size(); position++) {
      builder.setBytesUnsafe(index++, source.getBytesUnsafe(query.keyIndex(position)));
    }
    return Optional.of(builder.setConsistencyLevel(consistency).setIdempotence(false).build());
  }

  private long counter(Optional<Row> row, ColumnSchema column) {
    if (row.isEmpty() || row.get().isNull(query.valueIndex(column))) {
      return 0;
    }
    return row.get().getLong(query.valueIndex(column));
  }
}
