package io.tandem.core.internal.mirror;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.tandem.core.api.Side;
import io.tandem.core.api.classify.StatementClassifier;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.mirror.BackpressurePolicy;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorOutcome;
import io.tandem.core.api.replay.FailedWrite;
import io.tandem.core.api.replay.FailedWriteLog;
import io.tandem.core.api.replay.FailedWriteLogException;
import io.tandem.core.internal.log.Intent;
import io.tandem.core.internal.log.IntentLog;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the secondary's copy of each write: through the side's breaker and (when safe) retry, with at
 * most {@code maxInFlight} copies in flight. Every copy that finally fails — or cannot even start because
 * the breaker is open or too many are in flight — is appended to the failed-write log. The returned stage
 * fails only when the log itself cannot be written. With an {@link IntentLog}, each copy is recorded there before
 * it starts and marked done once applied or logged, so a killed process replays it on the next start.
 */
public final class DefaultWriteMirror {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultWriteMirror.class);
  private static final CompletionStage<Boolean> OWED = CompletableFuture.completedFuture(true);

  private final WriteExecutors executors;
  private final SideResilience resilience;
  private final FailedWriteLog failedWrites;
  private final StatementClassifier classifier;
  private final MirrorMetrics metrics;
  private final Bulkhead inFlight;
  private final int maxInFlight;
  private final Clock clock;
  private final IntentLog intents;

  public DefaultWriteMirror(
      MirrorConfig config,
      WriteExecutors executors,
      SideResilience resilience,
      FailedWriteLog failedWrites,
      StatementClassifier classifier,
      MirrorMetrics metrics,
      Clock clock) {
    this(config, executors, resilience, failedWrites, null, classifier, metrics, clock);
  }

  /** @param intents where copies are recorded until settled; null records none */
  public DefaultWriteMirror(
      MirrorConfig config,
      WriteExecutors executors,
      SideResilience resilience,
      FailedWriteLog failedWrites,
      IntentLog intents,
      StatementClassifier classifier,
      MirrorMetrics metrics,
      Clock clock) {
    this.intents = intents;
    this.executors = executors;
    this.resilience = resilience;
    this.failedWrites = failedWrites;
    this.classifier = classifier;
    this.metrics = metrics;
    this.clock = clock;
    this.maxInFlight = config.maxInFlight();
    Duration wait =
        config.backpressurePolicy() == BackpressurePolicy.WAIT ? config.backpressureMaxWait() : Duration.ZERO;
    this.inFlight =
        Bulkhead.of(
            "mirror",
            BulkheadConfig.custom().maxConcurrentCalls(maxInFlight).maxWaitDuration(wait).build());
    metrics.gaugeInFlight(this::inFlightCount);
  }

  /** The executors of both clusters' copies; an LWT copy reads the primary's write time through them. */
  WriteExecutors executors() {
    return executors;
  }

  public int inFlightCount() {
    return maxInFlight - inFlight.getMetrics().getAvailableConcurrentCalls();
  }

  /** Waits until no mirrored write is in flight, or the timeout passes; returns whether idle. */
  public boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlightCount() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return inFlightCount() == 0;
  }

  WriteTraits traits(WriteCommand command) {
    return WriteTraits.of(command, classifier);
  }

  /** Sends the copy to {@code side}; completes when it is applied or safely logged. */
  public CompletionStage<MirrorOutcome> mirror(WriteCommand command, WriteTraits traits, Side side) {
    return mirror(command, traits, side, OWED);
  }

  /**
   * Sends the copy to {@code side} while the primary's write may still be under way (SYNC): a copy that fails is
   * logged for replay only once {@code owed} completes true, the primary having applied the write or maybe so
   * ({@link WriteErrors#mayHaveBeenApplied}). A write both clusters refuse (a bad value, a missing table) is owed
   * to nobody: logged, it would be replayed and refused forever, and block the cutover's drained-log gate.
   */
  CompletionStage<MirrorOutcome> mirror(WriteCommand command, WriteTraits traits, Side side,
      CompletionStage<Boolean> owed) {
    Intent intent = recordIntent(command, traits, side);
    return reserve() ? settle(sendReserved(command, traits, side, owed), intent)
        : settle(logIfOwed(owed, side, command, traits, backpressure()), intent);
  }

  /**
   * Records the copy owed to {@code side} in the intent log, before the caller is answered; {@link Intent#NONE}
   * without one. Pass it on to {@link #mirrorReserved} or {@link #logBackpressured}, or mark it done when no copy
   * is owed after all.
   */
  Intent recordIntent(WriteCommand command, WriteTraits traits, Side side) {
    return intents == null ? Intent.NONE : intents.record(side, command, traits.replayable());
  }

  /**
   * Takes one in-flight slot, waiting up to the configured time under {@code WAIT} backpressure. Returns
   * false when none came free; pass the write to {@link #logBackpressured} then.
   */
  boolean reserve() {
    return inFlight.tryAcquirePermission();
  }

  /** Gives back a slot taken by {@link #reserve()} that will not be used. */
  void release() {
    inFlight.onComplete();
  }

  CompletionStage<MirrorOutcome> logBackpressured(WriteCommand command, WriteTraits traits, Side side,
      Intent intent) {
    return settle(logForReplay(side, command, traits, backpressure()), intent);
  }

  private String backpressure() {
    return "backpressure: " + maxInFlight + " mirrored writes in flight";
  }

  /**
   * Sends the copy with a slot already taken by {@link #reserve()}; the slot is given back, and {@code intent}
   * marked done, when it is settled.
   */
  CompletionStage<MirrorOutcome> mirrorReserved(WriteCommand command, WriteTraits traits, Side side,
      Intent intent) {
    return settle(sendReserved(command, traits, side, OWED), intent);
  }

  /** The intent is done whatever the outcome: applied, logged, or lost (and counted and logged as such). */
  private static CompletionStage<MirrorOutcome> settle(CompletionStage<MirrorOutcome> copy, Intent intent) {
    return intent == Intent.NONE ? copy : copy.whenComplete((outcome, error) -> intent.done());
  }

  private CompletionStage<MirrorOutcome> sendReserved(WriteCommand command, WriteTraits traits, Side side,
      CompletionStage<Boolean> owed) {
    long started = System.nanoTime();
    // the session is found outside the breaker: a login without a session is no sign of a failing cluster
    CompletionStage<?> execution = executors.forLogin(side, command.login()).thenCompose(executor ->
        WriteErrors.objectAlreadyThereIsDone(
            resilience.call(side, traits.retrySafe(), () -> executor.execute(command))));
    return execution
        .handle(
            (result, error) -> {
              inFlight.onComplete();
              metrics.latency(side, "write", Duration.ofNanos(System.nanoTime() - started));
              Throwable cause = error == null ? null : WriteErrors.unwrap(error);
              if (cause == null) {
                metrics.write(MirrorOutcome.MIRRORED, traits.keyspace(), traits.table());
                return CompletableFuture.completedFuture(MirrorOutcome.MIRRORED);
              }
              metrics.failure(side, cause);
              LOG.debug("Mirrored write to {} failed: {}", side, cause.toString());
              return logIfOwed(owed, side, command, traits, WriteErrors.describe(cause));
            })
        .thenCompose(stage -> stage);
  }

  private CompletionStage<MirrorOutcome> logIfOwed(CompletionStage<Boolean> owed, Side side, WriteCommand command,
      WriteTraits traits, String cause) {
    return owed.handle((isOwed, error) -> error != null || isOwed).thenCompose(isOwed -> {
      if (isOwed) {
        return logForReplay(side, command, traits, cause);
      }
      LOG.debug("The {} refused a write the primary refused too ({}): nothing owed, not logged", side, cause);
      metrics.write(MirrorOutcome.SKIPPED, traits.keyspace(), traits.table());
      return CompletableFuture.completedFuture(MirrorOutcome.SKIPPED);
    });
  }

  CompletionStage<MirrorOutcome> logForReplay(Side side, WriteCommand command, WriteTraits traits, String cause) {
    try {
      failedWrites.append(new FailedWrite(side, command, traits.replayable(), cause, clock.instant()));
    } catch (FailedWriteLogException e) {
      metrics.lost();
      LOG.error("A write owed to {} could be neither applied ({}) nor logged for replay: {}. Query: {}",
          side, cause, e.getMessage(), command.queries().get(0).query());
      return CompletableFuture.failedFuture(e);
    }
    if (!traits.replayable()) {
      metrics.nonReplayable();
      LOG.error("A counter update or list append owed to {} failed ({}) and cannot be replayed safely; it is "
          + "kept in the failed-write log for a person to apply. Query: {}", side, cause,
          command.queries().get(0).query());
    }
    metrics.write(MirrorOutcome.LOGGED_FOR_REPLAY, traits.keyspace(), traits.table());
    return CompletableFuture.completedFuture(MirrorOutcome.LOGGED_FOR_REPLAY);
  }
}
