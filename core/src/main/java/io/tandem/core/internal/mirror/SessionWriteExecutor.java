package io.tandem.core.internal.mirror;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.internal.classify.KeyspaceQualifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Executes {@link WriteCommand}s on one cluster through an ordinary driver session, so the write gets the
 * driver's pooling, token-aware routing and node failover. Queries with values are prepared once per
 * (keyspace, text) and bound with the raw bytes; a failed prepare is not cached and is tried again next
 * time. Timestamp, consistency, serial consistency, timeout and idempotence are applied as the command
 * says; what it leaves unset is the session's default. The consistency override replaces the command's
 * consistency only: the serial consistency of a conditional copy stays the caller's.
 */
public final class SessionWriteExecutor {

  private record PreparedKey(String keyspace, String query) {}

  private final CqlSession session;
  private final ConsistencyLevel consistencyOverride;
  private final AsyncCache<PreparedKey, PreparedStatement> prepared;
  private final boolean perRequestKeyspace;

  /**
   * @param consistencyOverride used instead of the command's consistency when not null
   * @param preparedCacheSize most prepared statements kept
   */
  public SessionWriteExecutor(CqlSession session, ConsistencyLevel consistencyOverride, int preparedCacheSize) {
    this.session = Objects.requireNonNull(session, "session");
    this.consistencyOverride = consistencyOverride;
    this.prepared = Caffeine.newBuilder().maximumSize(preparedCacheSize).buildAsync();
    // a per-request keyspace needs protocol v5 (Cassandra 4.0+); over v4 the keyspace goes into the text
    this.perRequestKeyspace = session.getContext().getProtocolVersion().getCode() >= 5;
  }

  public CqlSession session() {
    return session;
  }

  /** Prepares the query ahead of its first write; failures are left for the write to report. */
  public CompletionStage<PreparedStatement> prepare(String keyspace, String query) {
    return prepared.get(
        new PreparedKey(keyspace, query),
        (key, executor) -> session.prepareAsync(simple(key.query(), key.keyspace())).toCompletableFuture());
  }

  public CompletionStage<AsyncResultSet> execute(WriteCommand command) {
    return command.isBatch() ? executeBatch(command) : executeSingle(command);
  }

  private CompletionStage<AsyncResultSet> executeSingle(WriteCommand command) {
    BoundQuery query = command.queries().get(0);
    if (!query.hasValues()) {
      return session.executeAsync(applyOptions(simple(query.query(), command.keyspace()), command));
    }
    return prepare(command.keyspace(), query.query())
        .thenCompose(statement -> session.executeAsync(applyOptions(bind(statement, query).build(), command)));
  }

  private CompletionStage<AsyncResultSet> executeBatch(WriteCommand command) {
    List<CompletableFuture<BatchableStatement<?>>> children = new ArrayList<>();
    for (BoundQuery query : command.queries()) {
      if (query.hasValues()) {
        children.add(
            prepare(command.keyspace(), query.query())
                .<BatchableStatement<?>>thenApply(statement -> bind(statement, query).build())
                .toCompletableFuture());
      } else {
        children.add(CompletableFuture.completedFuture(simple(query.query(), command.keyspace())));
      }
    }
    return CompletableFuture.allOf(children.toArray(CompletableFuture[]::new))
        .thenCompose(
            done -> {
              BatchStatementBuilder batch = new BatchStatementBuilder(command.batchType());
              children.forEach(child -> batch.addStatement(child.join()));
              if (command.keyspace() != null && perRequestKeyspace) {
                batch.setKeyspace(CqlIdentifier.fromInternal(command.keyspace()));
              }
              return session.executeAsync(applyOptions(batch.build(), command));
            });
  }

  private SimpleStatement simple(String query, String keyspace) {
    if (keyspace == null) {
      return SimpleStatement.newInstance(query);
    }
    return perRequestKeyspace
        ? SimpleStatement.newInstance(query).setKeyspace(CqlIdentifier.fromInternal(keyspace))
        : SimpleStatement.newInstance(KeyspaceQualifier.qualify(query, keyspace));
  }

  private static BoundStatementBuilder bind(PreparedStatement statement, BoundQuery query) {
    BoundStatementBuilder builder = statement.boundStatementBuilder();
    List<ByteBuffer> values = query.values();
    for (int index = 0; index < values.size(); index++) {
      ByteBuffer value = values.get(index);
      if (!BoundQuery.isUnset(value)) {
        builder = builder.setBytesUnsafe(index, value == null ? null : value.duplicate());
      }
    }
    for (Map.Entry<String, ByteBuffer> named : query.namedValues().entrySet()) {
      ByteBuffer value = named.getValue();
      if (!BoundQuery.isUnset(value)) {
        builder =
            builder.setBytesUnsafe(
                CqlIdentifier.fromInternal(named.getKey()), value == null ? null : value.duplicate());
      }
    }
    return builder;
  }

  private <S extends Statement<S>> S applyOptions(S statement, WriteCommand command) {
    S result = statement.setIdempotent(command.idempotent());
    if (command.hasTimestamp()) {
      result = result.setQueryTimestamp(command.timestamp());
    }
    ConsistencyLevel consistency = consistencyOverride != null ? consistencyOverride : command.consistency();
    if (consistency != null) {
      result = result.setConsistencyLevel(consistency);
    }
    if (command.serialConsistency() != null) {
      result = result.setSerialConsistencyLevel(command.serialConsistency());
    }
    if (command.timeout() != null) {
      result = result.setTimeout(command.timeout());
    }
    return result;
  }
}
