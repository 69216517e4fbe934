package io.tandem.driver.internal.routing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.PrepareRequest;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.type.reflect.GenericType;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.core.api.classify.StatementType;
import io.tandem.core.api.mirror.PrimaryWrite;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.driver.internal.shadow.ShadowReader;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every request of a {@code DualWriteCqlSession} is routed: reads to the read side (and sometimes
 * shadowed), writes and schema changes through the core engine to both clusters, {@code USE} to both
 * sessions, prepares to the primary. Sync, async and reactive calls share the same path.
 */
public final class StatementRouter {

  private static final Logger LOG = LoggerFactory.getLogger(StatementRouter.class);

  private final MirrorEngine engine;
  private final Function<Side, CqlSession> sessions;
  private final PreparedOrigins origins;
  private final StatementTranslator translator;
  private final WriteCommands commands;
  private final PrimaryStatements primaryStatements;
  private final ShadowReader shadow;
  private final Set<String> warnedRequestTypes = ConcurrentHashMap.newKeySet();

  public StatementRouter(MirrorEngine engine, Function<Side, CqlSession> sessions, PreparedOrigins origins,
      StatementTranslator translator, WriteCommands commands, ShadowReader shadow) {
    this.engine = engine;
    this.sessions = sessions;
    this.origins = origins;
    this.translator = translator;
    this.commands = commands;
    this.primaryStatements = new PrimaryStatements(engine, origins);
    this.shadow = shadow;
  }

  public <T> T execute(Request request, GenericType<T> type) {
    if (request instanceof PrepareRequest prepare && DriverResults.isPrepare(type)) {
      return prepare(prepare, type);
    }
    if (request instanceof Statement<?> statement && DriverResults.isStatementResult(type)) {
      StatementType kind = statement instanceof BatchStatement
          ? StatementType.WRITE
          : engine.classifier().classify(Statements.queryOf(statement)).type();
      return switch (kind) {
        case READ -> read(statement, type);
        case USE -> DriverResults.adapt(type, () -> use(statement));
        case WRITE, DDL -> DriverResults.adapt(type, () -> write(statement));
      };
    }
    Side readSide = engine.control().state().readSide();
    if (warnedRequestTypes.add(request.getClass().getName() + "/" + type)) {
      LOG.warn("{} with result {} is not mirrored: it goes to the {} only (continuous paging and graph "
          + "requests are DSE features, and only read)", request.getClass().getSimpleName(), type, readSide);
    }
    return sessions.apply(readSide).execute(request, type);
  }

  private <T> T read(Statement<?> statement, GenericType<T> type) {
    Side side = engine.control().state().readSide();
    CqlSession session = sessions.apply(side);
    shadow.maybeShadow(statement, side);
    long started = System.nanoTime();
    if (translator.runsAsIs(side, statement)) {
      return timed(side, started, session.execute(statement, type), type);
    }
    return timed(side, started, DriverResults.adapt(type, () -> runOn(side, statement)), type);
  }

  private <T> T timed(Side side, long started, T result, GenericType<T> type) {
    if (result instanceof CompletionStage<?> stage) {
      stage.whenComplete((ignored, error) -> engine.recordRead(side, Duration.ofNanos(System.nanoTime() - started)));
    } else if (DriverResults.isSync(type)) {
      engine.recordRead(side, Duration.ofNanos(System.nanoTime() - started));
    }
    return result;
  }

  /** One call: the engine decides the route and the command; an unchanged command runs as the app wrote it. */
  private CompletionStage<AsyncResultSet> write(Statement<?> statement) {
    Side primarySide = engine.control().state().primary();
    WriteCommand command =
        commands.toCommand(statement, keyspaceOf(primarySide), sessions.apply(primarySide).getContext());
    // the answer's [applied] tells the engine whether an LWT applied (lwt-copy = UNCONDITIONAL_AT_PRIMARY_WRITETIME)
    return engine.write(command, PrimaryWrite.withApplied((primary, ready) -> ready == command
        ? runOn(primary, statement)
        : primaryStatements.of(primary, statement, ready).thenCompose(rewritten -> runOn(primary, rewritten)),
        answer -> Optional.of(answer.wasApplied())));
  }

  private CompletionStage<AsyncResultSet> runOn(Side side, Statement<?> statement) {
    CqlSession session = sessions.apply(side);
    return translator.runsAsIs(side, statement)
        ? session.executeAsync(statement)
        : translator.to(side, statement).thenCompose(session::executeAsync);
  }

  /** Both sessions switch keyspace; the caller gets the read side's answer once both have switched. */
  private CompletionStage<AsyncResultSet> use(Statement<?> statement) {
    Side readSide = engine.control().state().readSide();
    CompletionStage<AsyncResultSet> served = runOn(readSide, statement);
    CompletionStage<AsyncResultSet> other = runOn(readSide.other(), statement).exceptionally(error -> {
      LOG.warn("'{}' failed on the {}: its session keeps its keyspace ({})", Statements.queryOf(statement),
          readSide.other(), error.toString());
      return null;
    });
    return served.thenCombine(other, (result, ignored) -> result);
  }

  private <T> T prepare(PrepareRequest request, GenericType<T> type) {
    Side primary = engine.control().state().primary();
    CqlSession session = sessions.apply(primary);
    String keyspace = request.getKeyspace() != null ? request.getKeyspace().asInternal() : keyspaceOf(primary);
    CompletionStage<PreparedStatement> prepared = prepareOn(session, request).thenApply(statement -> {
      origins.remember(statement, primary, keyspace);
      return statement;
    });
    // The other cluster prepares in the background; its failure only shows when a write needs it.
    engine.registerQuery(keyspace, request.getQuery());
    @SuppressWarnings("unchecked")
    T result = (T) (PrepareRequest.SYNC.equals(type) ? DriverResults.block(prepared) : prepared);
    return result;
  }

  /**
   * Over protocol v4 (no per-request keyspace) a statement prepared with a keyspace names it in its text; the
   * bound statements' settings the request carries are kept.
   */
  private CompletionStage<PreparedStatement> prepareOn(CqlSession session, PrepareRequest request) {
    if (request.getKeyspace() == null || session.getContext().getProtocolVersion().getCode() >= 5) {
      return session.prepareAsync(request);
    }
    return session.prepareAsync(SimpleStatement.builder(
            engine.classifier().qualify(request.getQuery(), request.getKeyspace().asInternal()))
        .setExecutionProfileName(request.getExecutionProfileNameForBoundStatements())
        .setConsistencyLevel(request.getConsistencyLevelForBoundStatements())
        .setSerialConsistencyLevel(request.getSerialConsistencyLevelForBoundStatements())
        .setPageSize(request.getPageSizeForBoundStatements())
        .setTimeout(request.getTimeoutForBoundStatements())
        .setIdempotence(request.areBoundStatementsIdempotent())
        .setTracing(Boolean.TRUE.equals(request.areBoundStatementsTracing()))
        .build()
        .setCustomPayload(request.getCustomPayloadForBoundStatements()));
  }

  private String keyspaceOf(Side side) {
    return sessions.apply(side).getKeyspace().map(keyspace -> keyspace.asInternal()).orElse(null);
  }
}
