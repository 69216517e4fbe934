package io.tandem.driver.internal.routing;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.driver.internal.routing.PreparedOrigins.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Moves an application's statement to the cluster that must run it. A bound statement belongs to the
 * session that prepared it: for the other cluster the same query is prepared there (through the engine's
 * per-cluster cache) and the raw values are copied, "unset" included. Options travel with it (consistency,
 * idempotence, timeout, payload, timestamp, page size and paging state); what only makes sense on the
 * original cluster (a chosen node, an execution profile object) is dropped. A per-request keyspace goes into
 * the text for a cluster spoken to over protocol v4.
 */
public final class StatementTranslator {

  private final MirrorEngine engine;
  private final PreparedOrigins origins;
  private final Function<Side, CqlSession> sessions;

  public StatementTranslator(MirrorEngine engine, PreparedOrigins origins, Function<Side, CqlSession> sessions) {
    this.engine = engine;
    this.origins = origins;
    this.sessions = sessions;
  }

  /** Whether the statement can run on {@code side} as it is (no translation, no allocation). */
  public boolean runsAsIs(Side side, Statement<?> statement) {
    if (needsKeyspaceInText(side, statement)) {
      return false;
    }
    if (statement instanceof BoundStatement bound) {
      return origins.originOf(bound.getPreparedStatement()).side() == side;
    }
    if (statement instanceof BatchStatement batch) {
      for (BatchableStatement<?> child : batch) {
        if (!runsAsIs(side, child)) {
          return false;
        }
      }
      return side == Side.SOURCE || batch.getNode() == null;
    }
    // The application built it against the source's metadata and config, the same as its sessions.
    return side == Side.SOURCE || (statement.getNode() == null && statement.getExecutionProfile() == null);
  }

  /** The statement as the cluster on {@code side} can run it; the same instance when it already can. */
  public CompletionStage<Statement<?>> to(Side side, Statement<?> statement) {
    if (runsAsIs(side, statement)) {
      return CompletableFuture.completedFuture(statement);
    }
    if (statement instanceof BoundStatement bound) {
      return rebind(side, bound).thenApply(translated -> withoutLocalOptions(side, translated, bound));
    }
    if (statement instanceof BatchStatement batch) {
      return translateBatch(side, batch).thenApply(translated -> keyspaceInText(side, translated));
    }
    Statement<?> inText = keyspaceInText(side, statement);
    // the application chose its node and profile on the source's session
    return CompletableFuture.completedFuture(
        side == Side.SOURCE ? inText : withoutLocalOptions(side, inText, statement));
  }

  /**
   * A per-request keyspace (protocol v5) on a statement for a cluster spoken to over v4 (Cassandra 3.11,
   * ScyllaDB, Astra), which would refuse it: the keyspace must go into the text.
   */
  private boolean needsKeyspaceInText(Side side, Statement<?> statement) {
    return !(statement instanceof BoundStatement) && statement.getKeyspace() != null
        && sessions.apply(side).getContext().getProtocolVersion().getCode() < 5;
  }

  private Statement<?> keyspaceInText(Side side, Statement<?> statement) {
    if (!needsKeyspaceInText(side, statement)) {
      return statement;
    }
    CqlIdentifier keyspace = statement.getKeyspace();
    if (statement instanceof SimpleStatement simple) {
      return qualified(simple, keyspace);
    }
    if (statement instanceof BatchStatement batch) {
      List<BatchableStatement<?>> children = new ArrayList<>(batch.size());
      for (BatchableStatement<?> child : batch) {
        children.add(child instanceof SimpleStatement simple
            ? qualified(simple, simple.getKeyspace() != null ? simple.getKeyspace() : keyspace)
            : child);
      }
      return batch.clear().addAll(children).setKeyspace((CqlIdentifier) null);
    }
    return statement;
  }

  private SimpleStatement qualified(SimpleStatement statement, CqlIdentifier keyspace) {
    return statement.setQuery(engine.classifier().qualify(statement.getQuery(), keyspace.asInternal()))
        .setKeyspace((CqlIdentifier) null);
  }

  private CompletionStage<Statement<?>> translateBatch(Side side, BatchStatement batch) {
    List<CompletableFuture<Statement<?>>> children = new ArrayList<>(batch.size());
    for (BatchableStatement<?> child : batch) {
      children.add(to(side, child).toCompletableFuture());
    }
    return CompletableFuture.allOf(children.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<BatchableStatement<?>> translated = new ArrayList<>(children.size());
      children.forEach(child -> translated.add((BatchableStatement<?>) child.join()));
      return withoutLocalOptions(side, batch.clear().addAll(translated), batch);
    });
  }

  private CompletionStage<BoundStatement> rebind(Side side, BoundStatement bound) {
    PreparedStatement original = bound.getPreparedStatement();
    Origin origin = origins.originOf(original);
    return engine.prepareOn(side, origin.keyspace(), original.getQuery()).thenApply(prepared -> {
      int variables = original.getVariableDefinitions().size();
      if (prepared.getVariableDefinitions().size() != variables) {
        throw new IllegalStateException("The query '" + original.getQuery() + "' has " + variables
            + " bound variables on the " + origin.side() + " but " + prepared.getVariableDefinitions().size()
            + " on the " + side + ": make the table definitions on both clusters the same");
      }
      BoundStatementBuilder builder = prepared.boundStatementBuilder();
      for (int index = 0; index < variables; index++) {
        builder = builder.setBytesUnsafe(index, bound.getBytesUnsafe(index));
      }
      return builder
          .setConsistencyLevel(bound.getConsistencyLevel())
          .setSerialConsistencyLevel(bound.getSerialConsistencyLevel())
          .setPageSize(bound.getPageSize())
          .setIdempotence(bound.isIdempotent())
          .setTimeout(bound.getTimeout())
          .setQueryTimestamp(bound.getQueryTimestamp())
          .setPagingState(bound.getPagingState())
          .setNowInSeconds(bound.getNowInSeconds())
          .setTracing(bound.isTracing())
          .build()
          .setCustomPayload(bound.getCustomPayload());
    });
  }

  /** Drops the node and the profile object chosen on the other cluster; keeps a profile name both know. */
  private <S extends Statement<S>> Statement<?> withoutLocalOptions(
      Side side, Statement<S> statement, Statement<?> original) {
    S result = statement.setNode(null);
    String profileName = original.getExecutionProfile() != null
        ? original.getExecutionProfile().getName()
        : original.getExecutionProfileName();
    result = result.setExecutionProfile(null);
    boolean known = profileName != null
        && sessions.apply(side).getContext().getConfig().getProfiles().containsKey(profileName);
    return result.setExecutionProfileName(known ? profileName : null);
  }
}
