package io.tandem.core.api;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tandem.core.api.classify.StatementClassifier;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.control.InstanceHealth;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.mirror.PrimaryWrite;
import io.tandem.core.api.replay.FailedWriteLog;
import io.tandem.core.api.replay.ReplayReport;
import io.tandem.core.api.mirror.WriteTimestampGenerator;
import io.tandem.core.internal.DefaultMirrorEngineBuilder;
import io.tandem.core.internal.MirrorConfigReader;
import com.typesafe.config.Config;
import io.tandem.core.api.mirror.FunctionRewriteCounts;
import java.util.concurrent.CompletionStage;

/**
 * The engine behind every Tandem front door. A front door turns a client request into a {@link
 * WriteCommand} and hands it to {@link #write} with its own way of sending the primary's copy; the engine
 * decides the rest (route, one timestamp for both clusters, one value for {@code now()} and the like) and sends the
 * secondary's copy itself, through a driver session, with retry, circuit breaker, bounded in-flight copies
 * and the durable failed-write log. Reads never come here.
 *
 * <pre>{@code
 * MirrorEngine engine = MirrorEngine.builder()
 *     .withSource(sourceSession).withTarget(targetSession)
 *     .withConfig(MirrorConfig.builder().defaultMode(MirrorMode.ASYNC).build())
 *     .build();
 * }</pre>
 */
public interface MirrorEngine extends AutoCloseable {

  static MirrorEngineBuilder builder() {
    return new DefaultMirrorEngineBuilder();
  }

  /** Reads the {@code tandem.mirror} section of a HOCON config (see {@code reference.conf}). */
  static MirrorConfig configFrom(Config config) {
    return MirrorConfigReader.read(config);
  }

  /** Builds a {@link MirrorEngine}. Source and target sessions are required; the rest has defaults. */
  interface MirrorEngineBuilder {
    MirrorEngineBuilder withSource(CqlSession source);

    MirrorEngineBuilder withTarget(CqlSession target);

    /**
     * The sessions for one cluster, chosen per command by its {@link WriteCommand#login() login}; instead of
     * {@link #withSource}/{@link #withTarget} for a front door that logs in with each client's credentials.
     */
    MirrorEngineBuilder withSessions(Side side, io.tandem.core.api.mirror.LoginSessions sessions);

    /** Default: {@code MirrorConfig.builder().build()}. */
    MirrorEngineBuilder withConfig(MirrorConfig config);

    /** Default: Micrometer's global registry. */
    MirrorEngineBuilder withMeterRegistry(io.micrometer.core.instrument.MeterRegistry registry);

    /** Default: the system UTC clock. Drives timestamps, breaker timing and log times. */
    MirrorEngineBuilder withClock(java.time.Clock clock);

    /**
     * Default: an engine-owned single daemon thread. Runs retry back-offs and periodic replay; a given
     * scheduler is not shut down by {@link MirrorEngine#close()}.
     */
    MirrorEngineBuilder withScheduler(java.util.concurrent.ScheduledExecutorService scheduler);

    MirrorEngine build();
  }

  StatementClassifier classifier();

  WriteTimestampGenerator timestamps();

  MigrationControl control();

  FailedWriteLog failedWrites();

  /**
   * What the engine reports in a control-plane heartbeat: entries of the failed-write log not yet replayed,
   * mirrored copies in flight, copies that failed on the secondary and SYNC writes answered at the secondary
   * deadline since the engine started, and copies recorded in the intent log and not yet settled
   * ({@code intentsPending}); no shadow reads (a front door adds its own with {@link
   * InstanceHealth#withShadowReads}).
   */
  InstanceHealth health();

  /** Queries whose non-deterministic function calls got one value for both clusters, or could not. */
  FunctionRewriteCounts functionRewrites();

  /** The breaker guarding writes to one cluster. */
  CircuitBreaker breaker(Side side);

  /**
   * Runs one write — the one call a front door makes for every write and schema change it receives. The engine
   * decides everything (see {@code WritePlanner}): the route from the migration state, the table's {@link
   * MirrorMode}, the schema-change policy and the primary-only statement pattern; for a mirrored data write the
   * command both clusters get (a shared timestamp unless its text sets {@code USING TIMESTAMP} or injection is off,
   * and one value for {@code now()}, {@code uuid()} and similar: literals in queries without bound values, extra
   * bound values in the others, so the command's text may differ from the caller's); then it sends
   * the primary's copy through {@code primary} and the secondary's itself, with retry, circuit breaker, bounded
   * in-flight copies and the failed-write log.
   *
   * <ul>
   *   <li>Not mirrored (mode OFF for its table, a primary-only statement, a schema change under {@code
   *       PRIMARY_ONLY}): {@code primary} gets the very command given (same instance), so a front door can send
   *       the client's request as it came.
   *   <li>Schema change: the primary's copy first, then the secondary's; the stage completes after both, and a
   *       secondary failure is only logged for replay.
   *   <li>SYNC: the stage completes when both copies are done, or when the primary is done and the copy has taken
   *       longer than {@code secondary-deadline} (500 ms; the copy goes on in the background). The primary's error
   *       wins; a secondary failure or an expired deadline fails the caller only with {@code
   *       TargetFailurePolicy.FAIL_CALLER}, and a failed copy is logged for replay either way.
   *   <li>ASYNC: the stage completes with the primary; the copy follows once the primary succeeded or failed in
   *       a way that may still have applied the write.
   * </ul>
   *
   * @param command the write as the front door decoded it
   * @param primary sends the primary's copy; called exactly once, on the caller's thread, before this returns
   * @return the primary's answer, as {@code primary} produced it
   */
  <T> CompletionStage<T> write(WriteCommand command, PrimaryWrite<T> primary);

  /** Executes a command on one cluster through the engine's session for it and its login, without mirroring. */
  CompletionStage<?> executeOn(Side side, WriteCommand command);

  /**
   * The query prepared on one cluster, from the engine's per-cluster cache (the one mirrored writes without a
   * login use);
   * a failed prepare is not cached, so the next call tries again. Front doors use it to move a statement
   * prepared on one cluster to the other.
   *
   * @param keyspace the keyspace unqualified table names resolve against, or {@code null}
   */
  CompletionStage<PreparedStatement> prepareOn(Side side, String keyspace, String query);

  /**
   * Records a read's latency in {@code tandem.request.latency{side, kind=read}}, next to the write
   * latencies the engine records itself, so every front door reports reads the same way.
   */
  void recordRead(Side side, java.time.Duration latency);

  /** Prepares a query on the secondary ahead of its first write; failures are only logged. */
  void registerQuery(String keyspace, String query);

  /** Replays the failed-write log now (after any run in progress). */
  CompletionStage<ReplayReport> replayNow();

  /** Stops background replay and closes the log; does not close the sessions it was given. */
  @Override
  void close();
}
