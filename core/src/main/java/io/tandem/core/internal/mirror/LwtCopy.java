package io.tandem.core.internal.mirror;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.LwtCopyMode;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.internal.classify.ConditionalWrite;
import io.tandem.core.internal.classify.ConditionalWrites;
import io.tandem.core.internal.mirror.WriteTimeReadBack.TableColumns;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lwt-copy = UNCONDITIONAL_AT_PRIMARY_WRITETIME}: what the secondary gets for an LWT once the primary
 * answered. Applied: the write without its {@code IF} clause at the write time read back from the primary (Cassandra
 * stamps an LWT with its Paxos time, so the shared timestamp cannot make them equal); not applied: nothing; when
 * the answer does not say, or no write time can be read: the conditional write itself, as in {@code CONDITIONAL}.
 */
final class LwtCopy {

  private static final Logger LOG = LoggerFactory.getLogger(LwtCopy.class);

  private final boolean enabled;
  private final ConsistencyLevel readConsistency;
  private final WriteExecutors executors;
  private final MirrorMetrics metrics;

  LwtCopy(MirrorConfig config, WriteExecutors executors, MirrorMetrics metrics) {
    this.enabled = config.lwtCopy() == LwtCopyMode.UNCONDITIONAL_AT_PRIMARY_WRITETIME;
    this.readConsistency = config.lwtCopyReadConsistency();
    this.executors = executors;
    this.metrics = metrics;
  }

  /** The LWT this mirrored write is, when this mode applies to it; empty otherwise (batches included). */
  Optional<ConditionalWrite> conditional(WritePlan plan) {
    if (!enabled || plan.command().isBatch()
        || plan.route() != WriteRoute.SYNC && plan.route() != WriteRoute.ASYNC) {
      return Optional.empty();
    }
    return ConditionalWrites.parse(plan.command().queries().get(0).query());
  }

  /**
   * The copy owed to the secondary once the primary answered: empty for an LWT that did not apply. Never fails: a
   * write time that cannot be read leaves the conditional write.
   */
  CompletionStage<Optional<WriteCommand>> copyOf(WritePlan plan, ConditionalWrite lwt, Optional<Boolean> applied) {
    if (applied.isEmpty()) {
      return fallback(plan, "the front door cannot tell whether it applied");
    }
    if (!applied.get()) {
      metrics.lwtCopy("not_applied");
      return CompletableFuture.completedFuture(Optional.empty());
    }
    WriteCommand command = plan.command();
    String keyspace = lwt.keyspace() != null ? lwt.keyspace() : command.keyspace();
    if (keyspace == null) {
      return fallback(plan, "its keyspace is unknown");
    }
    BoundQuery query = command.queries().get(0);
    return executors.forLogin(plan.primary(), command.login())
        .thenCompose(executor -> {
          Optional<WriteTimeReadBack> readBack = tableOf(executor, keyspace, lwt.table())
              .flatMap(table -> WriteTimeReadBack.plan(lwt, query, keyspace, TableColumns.of(table)));
          if (readBack.isEmpty()) {
            return fallback(plan, "it writes no column whose write time can be read");
          }
          return read(executor, keyspace, readBack.get()).thenCompose(writetime -> writetime.isPresent()
              ? unconditional(command, lwt, query, writetime.get())
              : fallback(plan, "the primary no longer holds the value it wrote"));
        })
        .exceptionallyCompose(error -> fallback(plan, "its write time could not be read: " + WriteErrors.describe(error)));
  }

  private CompletionStage<Optional<WriteCommand>> unconditional(WriteCommand command, ConditionalWrite lwt,
      BoundQuery query, long writetime) {
    metrics.lwtCopy("unconditional");
    WriteCommand copy = command.withQuery(WriteTimeReadBack.unconditional(lwt, query)).withTimestamp(writetime);
    return CompletableFuture.completedFuture(Optional.of(copy));
  }

  private CompletionStage<Optional<WriteCommand>> fallback(WritePlan plan, String why) {
    LOG.debug("LWT copied as a conditional write ({}): {}", why, plan.command());
    metrics.lwtCopy("conditional");
    return CompletableFuture.completedFuture(Optional.of(plan.command()));
  }

  private static Optional<TableMetadata> tableOf(SessionWriteExecutor executor, String keyspace, String table) {
    return executor.session().getMetadata().getKeyspace(CqlIdentifier.fromInternal(keyspace))
        .flatMap(metadata -> metadata.getTable(CqlIdentifier.fromInternal(table)));
  }

  /**
   * The write time of the column, when it still holds the value the LWT wrote (as far as can be told). A read
   * without values (the LWT's key was literal) is not prepared: each key would be a statement of its own.
   */
  private CompletionStage<Optional<Long>> read(SessionWriteExecutor executor, String keyspace,
      WriteTimeReadBack readBack) {
    if (readBack.values().isEmpty()) {
      return executor.session().executeAsync(SimpleStatement.newInstance(readBack.select())
          .setConsistencyLevel(readConsistency)).thenApply(result -> writetimeOf(result, readBack.expected()));
    }
    return executor.prepare(keyspace, readBack.select())
        .thenCompose(prepared -> {
          BoundStatementBuilder bound = prepared.boundStatementBuilder();
          for (int index = 0; index < readBack.values().size(); index++) {
            bound = bound.setBytesUnsafe(index, readBack.values().get(index).duplicate());
          }
          Statement<?> statement = bound.setConsistencyLevel(readConsistency).build();
          return executor.session().executeAsync(statement);
        })
        .thenApply(result -> writetimeOf(result, readBack.expected()));
  }

  private static Optional<Long> writetimeOf(AsyncResultSet result, ByteBuffer expected) {
    Row row = result.one();
    if (row == null || row.isNull(1) || expected != null && !Objects.equals(row.getBytesUnsafe(0), expected)) {
      return Optional.empty();
    }
    return Optional.of(row.getLong(1));
  }
}
