package io.tandem.core.internal.mirror;

import io.tandem.core.api.Side;
import io.tandem.core.api.command.WriteCommand;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.core.api.control.MigrationState;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.mirror.MirrorOutcome;
import io.tandem.core.api.mirror.MirroredWriteException;
import io.tandem.core.api.mirror.PrimaryWrite;
import io.tandem.core.api.mirror.SchemaChangePolicy;
import io.tandem.core.api.mirror.TargetFailurePolicy;
import io.tandem.core.internal.metrics.MirrorMetrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one write on both clusters as the migration state and mirror mode say: the primary's copy through
 * the front door's callback, the secondary's through {@link DefaultWriteMirror}.
 */
public final class MirroredWrite {

  private static final Logger LOG = LoggerFactory.getLogger(MirroredWrite.class);

  private final DefaultWriteMirror mirror;
  private final MigrationControl control;
  private final TargetFailurePolicy failurePolicy;
  private final SchemaChangePolicy schemaChanges;
  private final MirrorMetrics metrics;
  private final Pattern primaryOnlyStatements;

  public MirroredWrite(
      DefaultWriteMirror mirror, MigrationControl control, MirrorConfig config, MirrorMetrics metrics) {
    this.mirror = mirror;
    this.control = control;
    this.failurePolicy = config.targetFailurePolicy();
    this.schemaChanges = config.schemaChanges();
    this.metrics = metrics;
    this.primaryOnlyStatements = config.primaryOnlyStatements();
  }

  public MirrorMode modeFor(WriteCommand command) {
    return mode(control.state(), command, mirror.traits(command));
  }

  /** The state's mode for the write's table, or OFF when every statement matches the primary-only pattern. */
  private MirrorMode mode(MigrationState state, WriteCommand command, WriteTraits traits) {
    if (primaryOnlyStatements != null && command.queries().stream()
        .allMatch(query -> primaryOnlyStatements.matcher(query.query()).matches())) {
      return MirrorMode.OFF;
    }
    return state.modeFor(traits.keyspace(), traits.table());
  }

  public <T> CompletionStage<T> execute(WriteCommand command, PrimaryWrite<T> primary) {
    MigrationState state = control.state();
    WriteTraits traits = mirror.traits(command);
    MirrorMode mode = mode(state, command, traits);
    Side secondary = state.secondary();
    if (traits.schemaChange() && mode != MirrorMode.OFF) {
      return executeSchemaChange(command, primary, traits, state);
    }
    switch (mode) {
      case OFF:
        return startSafely(primary, state.primary(), command);
      case ASYNC:
        return executeAsync(command, primary, traits, state);
      case SYNC:
      default:
        CompletableFuture<T> primaryStage = startSafely(primary, state.primary(), command);
        CompletionStage<MirrorOutcome> secondaryStage = mirror.mirror(command, traits, secondary);
        return primaryStage.thenCombine(secondaryStage.handle(this::secondaryVerdict), (result, verdict) -> {
          if (verdict != null) {
            throw new MirroredWriteException(secondary, verdict);
          }
          return result;
        });
    }
  }

  /**
   * The in-flight slot is taken on the caller's thread before the primary starts, so backpressure makes
   * the caller wait rather than a driver I/O thread; the copy is sent once the primary succeeded, or failed in a
   * way that may still have applied it ({@link WriteErrors#mayHaveBeenApplied}), as SYNC mode does: the caller
   * that would retry may be gone, and a copy not sent would leave the clusters apart for good.
   */
  private <T> CompletionStage<T> executeAsync(
      WriteCommand command, PrimaryWrite<T> primary, WriteTraits traits, MigrationState state) {
    Side secondary = state.secondary();
    boolean reserved = mirror.reserve();
    CompletableFuture<T> primaryStage = startSafely(primary, state.primary(), command);
    primaryStage.whenComplete((result, error) -> {
      if (error != null && !WriteErrors.mayHaveBeenApplied(error)) {
        if (reserved) {
          mirror.release();
        }
        return;
      }
      if (error != null) {
        LOG.debug("The {} may have applied a write it failed ({}): mirroring it all the same",
            state.primary(), WriteErrors.describe(error));
      }
      if (reserved) {
        mirror.mirrorReserved(command, traits, secondary);
      } else {
        mirror.logBackpressured(command, traits, secondary);
      }
    });
    return primaryStage;
  }

  /**
   * The primary first, then the secondary, and the caller waits for both whatever the mode: the next
   * mirrored write must find its table. The secondary's failure is logged for replay, never the caller's.
   */
  private <T> CompletionStage<T> executeSchemaChange(
      WriteCommand command, PrimaryWrite<T> primary, WriteTraits traits, MigrationState state) {
    CompletableFuture<T> primaryStage = startSafely(primary, state.primary(), command);
    if (schemaChanges == SchemaChangePolicy.PRIMARY_ONLY) {
      return primaryStage;
    }
    return primaryStage.thenCompose(result ->
        mirror.mirror(command, traits, state.secondary()).handle((outcome, error) -> result));
  }

  /** Only the secondary's copy, with the current state's secondary and mode. */
  public CompletionStage<MirrorOutcome> mirrorOnly(WriteCommand command) {
    MigrationState state = control.state();
    WriteTraits traits = mirror.traits(command);
    if (mode(state, command, traits) == MirrorMode.OFF) {
      return CompletableFuture.completedFuture(MirrorOutcome.SKIPPED);
    }
    return mirror.mirror(command, traits, state.secondary());
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
  private <T> CompletableFuture<T> startSafely(PrimaryWrite<T> primary, Side side, WriteCommand command) {
    long started = System.nanoTime();
    CompletableFuture<T> stage;
    try {
      stage = primary.send(side, command).toCompletableFuture();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((result, error) ->
        metrics.latency(side, "write", Duration.ofNanos(System.nanoTime() - started)));
    return stage;
  }
}
