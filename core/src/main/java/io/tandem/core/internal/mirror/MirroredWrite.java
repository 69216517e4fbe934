package io.tandem.core.internal.mirror;

import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorOutcome;
import io.tandem.core.api.mirror.MirroredWriteException;
import io.tandem.core.api.mirror.PrimaryWrite;
import io.tandem.core.api.mirror.TargetFailurePolicy;
import io.tandem.core.internal.log.Intent;
import io.tandem.core.internal.classify.ConditionalWrite;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a write is mirrored: runs one write on both clusters as its {@link WritePlan} says — the primary's copy
 * through the front door's {@link PrimaryWrite}, the secondary's through {@link DefaultWriteMirror}.
 */
public final class MirroredWrite {

  private static final Logger LOG = LoggerFactory.getLogger(MirroredWrite.class);

  private final DefaultWriteMirror mirror;
  private final MigrationControl control;
  private final WritePlanner planner;
  private final TargetFailurePolicy failurePolicy;
  private final MirrorMetrics metrics;
  private final SecondaryDeadline deadline;
  private final LwtCopy lwtCopies;
  private final LwtWrite lwtWrite;

  public MirroredWrite(DefaultWriteMirror mirror, MigrationControl control, WritePlanner planner,
      MirrorConfig config, MirrorMetrics metrics, ScheduledExecutorService scheduler) {
    this.deadline = new SecondaryDeadline(config, scheduler);
    this.mirror = mirror;
    this.control = control;
    this.planner = planner;
    this.failurePolicy = config.targetFailurePolicy();
    this.metrics = metrics;
    this.lwtCopies = new LwtCopy(config, mirror.executors(), metrics);
    this.lwtWrite = new LwtWrite(mirror, lwtCopies, failurePolicy);
  }

  /** Plans the write against the current migration state and runs it; see {@code MirrorEngine#write}. */
  public <T> CompletionStage<T> write(WriteCommand command, PrimaryWrite<T> primary) {
    WritePlan plan = planner.plan(command, control.state());
    Optional<ConditionalWrite> lwt = lwtCopies.conditional(plan); // empty unless lwt-copy asks for it
    if (lwt.isPresent()) {
      return lwtWrite.write(plan, lwt.get(), primary, () -> startSafely(primary, plan));
    }
    return switch (plan.route()) {
      case PRIMARY_ONLY -> startSafely(primary, plan);
      case SCHEMA_CHANGE -> executeSchemaChange(plan, primary);
      case ASYNC -> executeAsync(plan, primary);
      case SYNC -> executeSync(plan, primary);
    };
  }

  /**
   * Both copies at once; the caller waits for the primary, and for the secondary up to its deadline. Past it, the
   * copy goes on (keeping its in-flight slot, logged for replay if it fails) and the caller is answered as the
   * target-failure policy says for a copy not applied. A copy that fails is logged only if the primary's write
   * is owed to the secondary (see {@link DefaultWriteMirror#mirror(WriteCommand, WriteTraits, Side,
   * CompletionStage)}).
   */
  private <T> CompletionStage<T> executeSync(WritePlan plan, PrimaryWrite<T> primary) {
    CompletableFuture<T> primaryStage = startSafely(primary, plan);
    CompletionStage<Boolean> owed =
        primaryStage.handle((result, error) -> error == null || WriteErrors.mayHaveBeenApplied(error));
    CompletionStage<Throwable> secondaryVerdict = deadline.bound(
        mirror.mirror(plan.command(), plan.traits(), plan.secondary(), owed).handle(this::secondaryVerdict),
        deadline.forTable(plan.traits().keyspace(), plan.traits().table()), () -> expiredVerdict(plan));
    return primaryStage.thenCombine(secondaryVerdict, (result, verdict) -> {
      if (verdict != null) {
        throw new MirroredWriteException(plan.secondary(), verdict);
      }
      return result;
    });
  }

  /**
   * The in-flight slot is taken on the caller's thread before the primary starts, so backpressure makes
   * the caller wait rather than a driver I/O thread; the copy is sent once the primary succeeded, or failed in a
   * way that may still have applied it ({@link WriteErrors#mayHaveBeenApplied}), as SYNC mode does: the caller
   * that would retry may be gone, and a copy not sent would leave the clusters apart for good. The caller is
   * answered only after the copy is recorded in the intent log, so a copy it was answered for survives a kill.
   */
  private <T> CompletionStage<T> executeAsync(WritePlan plan, PrimaryWrite<T> primary) {
    boolean reserved = mirror.reserve();
    CompletableFuture<T> answered = new CompletableFuture<>();
    startSafely(primary, plan).whenComplete((result, error) -> {
      boolean owed = error == null || WriteErrors.mayHaveBeenApplied(error);
      Intent intent = owed ? mirror.recordIntent(plan.command(), plan.traits(), plan.secondary()) : Intent.NONE;
      try {
        // the caller first, as before the intent log: the copy's dispatch does not delay its answer
        if (error != null) {
          answered.completeExceptionally(error);
        } else {
          answered.complete(result);
        }
      } finally {
        sendCopy(plan, reserved, owed, error, intent);
      }
    });
    return answered;
  }

  private void sendCopy(WritePlan plan, boolean reserved, boolean owed, Throwable error, Intent intent) {
    if (!owed) {
      if (reserved) {
        mirror.release();
      }
      return;
    }
    if (error != null) {
      LOG.debug("The {} may have applied a write it failed ({}): mirroring it all the same",
          plan.primary(), WriteErrors.describe(error));
    }
    if (reserved) {
      mirror.mirrorReserved(plan.command(), plan.traits(), plan.secondary(), intent);
    } else {
      mirror.logBackpressured(plan.command(), plan.traits(), plan.secondary(), intent);
    }
  }

  /**
   * The primary first, then the secondary, and the caller waits for both whatever the mode: the next
   * mirrored write must find its table. The secondary's failure is logged for replay, never the caller's.
   */
  private <T> CompletionStage<T> executeSchemaChange(WritePlan plan, PrimaryWrite<T> primary) {
    return startSafely(primary, plan).thenCompose(result ->
        mirror.mirror(plan.command(), plan.traits(), plan.secondary()).handle((outcome, error) -> result));
  }

  /** Null when the caller should succeed; else the error it should see. */
  private Throwable expiredVerdict(WritePlan plan) {
    metrics.deadlineExpired(plan.secondary());
    Duration limit = deadline.forTable(plan.traits().keyspace(), plan.traits().table());
    LOG.trace("The copy on {} passed its deadline of {} ms; answering the caller", plan.secondary(),
        limit.toMillis());
    return failurePolicy == TargetFailurePolicy.FAIL_CALLER
        ? new TimeoutException("no answer within the secondary deadline of " + limit.toMillis()
            + " ms; the copy goes on and is logged for replay if it fails")
        : null;
  }

  /** Null when the caller should succeed; else the error it should see. */
  private Throwable secondaryVerdict(MirrorOutcome outcome, Throwable error) {
    if (error != null) {
      return WriteErrors.unwrap(error); // the log could not be written: the caller must know
    }
    if (outcome == MirrorOutcome.LOGGED_FOR_REPLAY && failurePolicy == TargetFailurePolicy.FAIL_CALLER) {
      return new IllegalStateException("the write was logged for replay instead of applied");
    }
    return null;
  }

  /** Runs the primary's copy, turning a thrown exception into a failed stage and timing it. */
  private <T> CompletableFuture<T> startSafely(PrimaryWrite<T> primary, WritePlan plan) {
    long started = System.nanoTime();
    CompletableFuture<T> stage;
    try {
      stage = primary.send(plan.primary(), plan.command()).toCompletableFuture();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((result, error) ->
        metrics.latency(plan.primary(), "write", Duration.ofNanos(System.nanoTime() - started)));
    return stage;
  }
}
