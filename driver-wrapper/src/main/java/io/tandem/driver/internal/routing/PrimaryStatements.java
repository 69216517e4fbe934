package io.tandem.driver.internal.routing;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The application's statement carrying what core decided for the primary's copy: the shared timestamp, and
 * the query the engine rewrote so that {@code now()} and the like get one value on both clusters. A simple
 * statement without values takes the rewritten text (its calls became literals); a statement with values
 * whose text gained bind markers runs as that text, prepared on the primary through the engine's cache, with
 * the engine's values. The application's own prepared statement, and its metadata, stay as they were.
 */
public final class PrimaryStatements {

  private final MirrorEngine engine;
  private final PreparedOrigins origins;

  public PrimaryStatements(MirrorEngine engine, PreparedOrigins origins) {
    this.engine = engine;
    this.origins = origins;
  }

  /** {@code statement} as {@code primary} must run {@code ready}, the engine's command for it. */
  public CompletionStage<Statement<?>> of(Side primary, Statement<?> statement, WriteCommand ready) {
    Statement<?> timed = statement;
    if (ready.hasTimestamp() && statement.getQueryTimestamp() == Statement.NO_DEFAULT_TIMESTAMP) {
      timed = timed.setQueryTimestamp(ready.timestamp());
    }
    if (timed instanceof BatchStatement batch) {
      return children(primary, batch, ready);
    }
    return child(primary, timed, ready.queries().get(0), ready.keyspace());
  }

  private CompletionStage<Statement<?>> children(Side primary, BatchStatement batch, WriteCommand ready) {
    List<BatchableStatement<?>> children = Statements.children(batch);
    List<CompletableFuture<Statement<?>>> rewritten = new ArrayList<>(children.size());
    boolean changed = false;
    for (int index = 0; index < children.size(); index++) {
      BoundQuery query = ready.queries().get(index);
      changed |= !Statements.queryOf(children.get(index)).equals(query.query());
      rewritten.add(child(primary, children.get(index), query, ready.keyspace()).toCompletableFuture());
    }
    if (!changed) {
      return CompletableFuture.completedFuture(batch);
    }
    return CompletableFuture.allOf(rewritten.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<BatchableStatement<?>> statements = new ArrayList<>(rewritten.size());
      rewritten.forEach(child -> statements.add((BatchableStatement<?>) child.join()));
      return batch.clear().addAll(statements);
    });
  }

  private CompletionStage<Statement<?>> child(Side primary, Statement<?> original, BoundQuery query, String keyspace) {
    if (Statements.queryOf(original).equals(query.query())) {
      return CompletableFuture.completedFuture(original);
    }
    if (!query.hasValues() && original instanceof SimpleStatement simple) {
      return CompletableFuture.completedFuture(simple.setQuery(query.query()));
    }
    return engine.prepareOn(primary, keyspace, query.query()).thenApply(prepared -> {
      origins.remember(prepared, primary, keyspace);
      return withOptionsOf(original, bind(prepared, query));
    });
  }

  /** The engine's raw values; "unset" ones are left unset, as the driver sends them. */
  private static BoundStatementBuilder bind(PreparedStatement prepared, BoundQuery query) {
    BoundStatementBuilder builder = prepared.boundStatementBuilder();
    List<ByteBuffer> values = query.values();
    for (int index = 0; index < values.size(); index++) {
      if (!BoundQuery.isUnset(values.get(index))) {
        builder = builder.setBytesUnsafe(index, values.get(index));
      }
    }
    for (Map.Entry<String, ByteBuffer> named : query.namedValues().entrySet()) {
      if (!BoundQuery.isUnset(named.getValue())) {
        builder = builder.setBytesUnsafe(CqlIdentifier.fromInternal(named.getKey()), named.getValue());
      }
    }
    return builder;
  }

  private static BoundStatement withOptionsOf(Statement<?> original, BoundStatementBuilder builder) {
    return builder
        .setConsistencyLevel(original.getConsistencyLevel())
        .setSerialConsistencyLevel(original.getSerialConsistencyLevel())
        .setPageSize(original.getPageSize())
        .setIdempotence(original.isIdempotent())
        .setTimeout(original.getTimeout())
        .setQueryTimestamp(original.getQueryTimestamp())
        .setNowInSeconds(original.getNowInSeconds())
        .setTracing(original.isTracing())
        .setExecutionProfileName(original.getExecutionProfileName())
        .setExecutionProfile(original.getExecutionProfile())
        .build()
        .setCustomPayload(original.getCustomPayload());
  }
}
