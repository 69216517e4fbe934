package io.tandem.core.internal;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.core.api.classify.StatementClassifier;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.control.InstanceHealth;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.core.api.control.MigrationState;
import io.tandem.core.api.mirror.FunctionRewriteCounts;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.PrimaryWrite;
import io.tandem.core.api.replay.FailedWriteLog;
import io.tandem.core.api.replay.ReplayReport;
import io.tandem.core.api.mirror.WriteTimestampGenerator;
import io.tandem.core.internal.classify.DefaultStatementClassifier;
import io.tandem.core.internal.log.IntentLog;
import io.tandem.core.internal.log.NonReplayableWrites;
import io.tandem.core.internal.log.SegmentedFailedWriteLog;
import io.tandem.core.internal.mirror.DefaultWriteMirror;
import io.tandem.core.internal.mirror.FunctionRewrites;
import io.tandem.core.internal.mirror.LoginWriteExecutors;
import io.tandem.core.internal.mirror.MirrorMetrics;
import io.tandem.core.internal.mirror.MirroredWrite;
import io.tandem.core.internal.mirror.MonotonicWriteTimestampGenerator;
import io.tandem.core.internal.mirror.SideResilience;
import io.tandem.core.internal.mirror.WriteErrors;
import io.tandem.core.internal.mirror.WriteExecutors;
import io.tandem.core.internal.mirror.WritePlanner;
import io.tandem.core.internal.replay.FailedWriteReplayer;
import io.tandem.core.internal.replay.ReplayScheduler;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default {@link MirrorEngine}: wires the classifier, timestamps, mirror, log and replayer. */
final class DefaultMirrorEngine implements MirrorEngine {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultMirrorEngine.class);

  private static final java.time.Duration CLOSE_GRACE = java.time.Duration.ofSeconds(10);

  private final MirrorConfig config;
  private final StatementClassifier classifier = new DefaultStatementClassifier();
  private final WriteTimestampGenerator timestamps;
  private final MigrationControl control;
  private final WriteExecutors executors;
  private final SideResilience resilience;
  private final MirrorMetrics metrics;
  private final FunctionRewrites functionRewrites;
  private final FailedWriteLog failedWrites;
  private final IntentLog intents;
  private final DefaultWriteMirror mirror;
  private final MirroredWrite mirroredWrite;
  private final FailedWriteReplayer replayer;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final ReplayScheduler replayScheduler;
  private final java.util.concurrent.ExecutorService replayThread =
      Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "tandem-replay"));

  DefaultMirrorEngine(DefaultMirrorEngineBuilder builder) {
    this.config = builder.config;
    this.timestamps = new MonotonicWriteTimestampGenerator(builder.clock);
    this.control = new DefaultMigrationControl(MigrationState.initial(config.defaultMode(), config.tableModes()));
    this.ownsScheduler = builder.scheduler == null;
    this.scheduler = ownsScheduler
        ? Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "tandem-mirror"))
        : builder.scheduler;
    this.metrics = new MirrorMetrics(builder.meterRegistry);
    this.executors = new LoginWriteExecutors(builder.sessions, config.secondaryConsistency(),
        config.preparedCacheSize());
    this.resilience = new SideResilience(config, builder.clock, scheduler, builder.meterRegistry);
    this.failedWrites =
        SegmentedFailedWriteLog.builder(config.failedWriteDirectory())
            .fsyncPolicy(config.fsyncPolicy())
            .fsyncInterval(config.fsyncInterval())
            .maxSegmentBytes(config.maxSegmentBytes())
            .meterRegistry(builder.meterRegistry)
            .build();
    // before replay starts: the copies an earlier run left unfinished join the log and are replayed with it
    this.intents = openIntents(builder);
    this.mirror = new DefaultWriteMirror(config, executors, resilience, failedWrites, intents, classifier,
        metrics, builder.clock);
    this.functionRewrites = new FunctionRewrites(builder.meterRegistry, config.preparedCacheSize());
    this.mirroredWrite = new MirroredWrite(mirror, control,
        new WritePlanner(config, classifier, timestamps, functionRewrites), config, metrics, scheduler);
    this.replayer =
        new FailedWriteReplayer(
            failedWrites,
            write -> executors.forLogin(write.side(), write.command().login()).thenCompose(executor ->
                WriteErrors.objectAlreadyThereIsDone(
                    resilience.call(write.side(), false, () -> executor.execute(write.command())))),
            new NonReplayableWrites(config.failedWriteDirectory()),
            metrics,
            config.replayBatchSize(),
            replayThread);
    logBreakerTransitions();
    this.replayScheduler = new ReplayScheduler(failedWrites, replayer);
    replayScheduler.start(scheduler, config.replayInterval(),
        java.util.List.of(resilience.breaker(Side.SOURCE), resilience.breaker(Side.TARGET)),
        config.failedWriteDirectory());
  }

  private IntentLog openIntents(DefaultMirrorEngineBuilder builder) {
    try {
      return IntentLog.open(config.failedWriteDirectory(), failedWrites, config.intentLogEnabled(),
          builder.meterRegistry, builder.clock);
    } catch (RuntimeException e) {
      failedWrites.close();
      throw e;
    }
  }

  /** The breakers' transitions are what an operator watches during an outage. */
  private void logBreakerTransitions() {
    for (Side side : Side.values()) {
      resilience.breaker(side).getEventPublisher().onStateTransition(event ->
          LOG.warn("Circuit breaker for {} writes: {}", side, event.getStateTransition()));
    }
  }

  @Override
  public StatementClassifier classifier() {
    return classifier;
  }

  @Override
  public WriteTimestampGenerator timestamps() {
    return timestamps;
  }

  @Override
  public MigrationControl control() {
    return control;
  }

  @Override
  public FailedWriteLog failedWrites() {
    return failedWrites;
  }

  @Override
  public InstanceHealth health() {
    return new InstanceHealth(failedWrites.pendingCount(), mirror.inFlightCount(), metrics.failureCount(), 0, 0,
        metrics.deadlineExpiryCount(), intents.pendingCount());
  }

  @Override
  public FunctionRewriteCounts functionRewrites() {
    return new FunctionRewriteCounts(functionRewrites.rewrittenCount(), functionRewrites.notRewritableCount());
  }

  @Override
  public CircuitBreaker breaker(Side side) {
    return resilience.breaker(side);
  }

  @Override
  public <T> CompletionStage<T> write(WriteCommand command, PrimaryWrite<T> primary) {
    return mirroredWrite.write(command, primary);
  }

  @Override
  public CompletionStage<?> executeOn(Side side, WriteCommand command) {
    return executors.forLogin(side, command.login()).thenCompose(executor -> executor.execute(command));
  }

  @Override
  public CompletionStage<PreparedStatement> prepareOn(Side side, String keyspace, String query) {
    return executors.forLogin(side, null).thenCompose(executor -> executor.prepare(keyspace, query));
  }

  @Override
  public void recordRead(Side side, java.time.Duration latency) {
    metrics.latency(side, "read", latency);
  }

  @Override
  public void registerQuery(String keyspace, String query) {
    Side secondary = control.state().secondary();
    // the copies of a prepared statement whose now() and the like become markers run the rewritten text
    String mirrored = config.rewriteNonDeterministicFunctions() ? functionRewrites.preparedText(query) : query;
    executors.forLogin(secondary, null).thenCompose(executor -> executor.prepare(keyspace, mirrored))
        .whenComplete((prepared, error) -> {
          if (error != null) {
            LOG.debug("Preparing a mirrored query on {} failed, will retry on first write: {}", secondary,
                error.toString());
          }
        });
  }

  @Override
  public CompletionStage<ReplayReport> replayNow() {
    return replayer.replay();
  }

  @Override
  public void close() {
    replayScheduler.close();
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
    if (!mirror.awaitIdle(CLOSE_GRACE)) {
      LOG.warn("Closing with {} mirrored writes still in flight; {}", mirror.inFlightCount(),
          config.intentLogEnabled() ? "they stay in the intent log and are replayed at the next start"
              : "they were not logged");
    }
    replayThread.shutdown();
    intents.close();
    failedWrites.close();
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
