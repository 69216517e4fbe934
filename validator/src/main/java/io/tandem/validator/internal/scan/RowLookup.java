package io.tandem.validator.internal.scan;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Reads single rows from one cluster by {@link RowKey}, with the same projection as the scans (values,
 * WRITETIME and TTL): what rechecks and repairs use to see the current state of a row on each side.
 */
public final class RowLookup {

  private final CqlSession session;
  private final ScanQuery query;
  private final PreparedStatement rowSelect;
  private final PreparedStatement partitionSelect;
  private final ConsistencyLevel consistency;
  private final Duration timeout;

  public RowLookup(CqlSession session, ScanQuery query, ConsistencyLevel consistency, Duration timeout) {
    this.session = session;
    this.query = query;
    this.rowSelect = session.prepare(query.rowCql());
    this.partitionSelect = session.prepare(query.partitionCql());
    this.consistency = consistency;
    this.timeout = timeout;
  }

  public ScanQuery query() {
    return query;
  }

  /**
   * The row at {@code key} as it is now, if it exists. For a static-only key (no clustering values) this is
   * the partition's static row, present only while the partition has no regular rows.
   */
  public CompletionStage<Optional<Row>> read(RowKey key) {
    int partitionKeySize = query.schema().partitionKey().size();
    boolean staticOnly = key.isStaticOnly(partitionKeySize);
    int size = staticOnly ? partitionKeySize : key.components().length;
    BoundStatementBuilder builder = (staticOnly ? partitionSelect : rowSelect).boundStatementBuilder();
    for (int index = 0; index < size; index++) {
      builder.setBytesUnsafe(index, key.components()[index]);
    }
    BoundStatement statement = builder.setConsistencyLevel(consistency).setTimeout(timeout).build();
    return session.executeAsync(statement).thenApply(result -> {
      Row row = result.one();
      if (row == null || (staticOnly && !query.key(row).isStaticOnly(partitionKeySize))) {
        return Optional.empty();
      }
      return Optional.of(row);
    });
  }
}
