package io.tandem.core.api;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tandem.core.api.classify.StatementClassifier;
import io.tandem.core.api.command.WriteCommand;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.mirror.MirrorOutcome;
import io.tandem.core.api.mirror.PrimaryWrite;
import io.tandem.core.api.replay.FailedWriteLog;
import io.tandem.core.api.replay.ReplayReport;
import io.tandem.core.api.timestamp.WriteTimestampGenerator;
import io.tandem.core.internal.DefaultMirrorEngineBuilder;
import io.tandem.core.internal.config.MirrorConfigReader;
import com.typesafe.config.Config;
import java.util.concurrent.CompletionStage;

/**
 * The engine behind every Tandem front door. A front door turns a client request into a {@link
 * WriteCommand}, lets the engine {@link #prepareWrite finish it} (one timestamp for both clusters,
 * literals for {@code now()}), and hands it to {@link #execute}: the engine runs the primary's copy through
 * the front door's callback and the secondary's copy itself, through a driver session, with retry, circuit
 * breaker, bounded in-flight copies and the durable failed-write log. Reads never come here.
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

  /** The breaker guarding writes to one cluster. */
  CircuitBreaker breaker(Side side);

  /**
   * The command as both clusters must receive it: with a shared timestamp when it has none (unless its
   * text sets {@code USING TIMESTAMP}, or injection is off), and — for queries without bound values — with
   * {@code now()}, {@code uuid()} and similar calls replaced by literals (when enabled).
   */
  WriteCommand prepareWrite(WriteCommand command);

  /** The mode a write would be mirrored with right now (OFF when mirroring is off for its table). */
  MirrorMode modeFor(WriteCommand command);

  /**
   * Executes a prepared write on both clusters. {@code primary} runs the primary's copy (the front door's
   * own path, e.g. the app's statement or a forwarded frame) and its result is what the caller gets. In
   * SYNC mode the stage completes when both copies are done (the primary's error wins; a secondary failure
   * is logged for replay and fails the caller only with {@code TargetFailurePolicy.FAIL_CALLER}); in ASYNC
   * mode it completes with the primary, and the secondary's copy follows in the background once the
   * primary succeeded.
   */
  <T> CompletionStage<T> execute(WriteCommand command, PrimaryWrite<T> primary);

  /** Sends only the secondary's copy. Completes when applied or safely logged. */
  CompletionStage<MirrorOutcome> mirror(WriteCommand command);

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
