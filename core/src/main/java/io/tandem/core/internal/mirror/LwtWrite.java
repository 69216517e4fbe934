package io.tandem.core.internal.mirror;

import io.tandem.core.api.mirror.MirrorOutcome;
import io.tandem.core.api.mirror.MirroredWriteException;
import io.tandem.core.api.mirror.PrimaryWrite;
import io.tandem.core.api.mirror.TargetFailurePolicy;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.internal.classify.ConditionalWrite;
import io.tandem.core.internal.log.Intent;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs an LWT with {@code lwt-copy = UNCONDITIONAL_AT_PRIMARY_WRITETIME}: the primary first, then the copy {@link
 * LwtCopy} makes of its answer. SYNC: the caller waits for the copy too; ASYNC: the copy follows in the
 * background, in a slot taken before the primary started. A primary failure that may still have applied the
 * write sends the conditional write, as SYNC and ASYNC do for any write.
 */
final class LwtWrite {

  private final DefaultWriteMirror mirror;
  private final LwtCopy copies;
  private final TargetFailurePolicy failurePolicy;

  LwtWrite(DefaultWriteMirror mirror, LwtCopy copies, TargetFailurePolicy failurePolicy) {
    this.mirror = mirror;
    this.copies = copies;
    this.failurePolicy = failurePolicy;
  }

  <T> CompletionStage<T> write(WritePlan plan, ConditionalWrite lwt, PrimaryWrite<T> primary,
      Supplier<CompletableFuture<T>> start) {
    return plan.route() == WriteRoute.ASYNC ? async(plan, lwt, primary, start) : sync(plan, lwt, primary, start);
  }

  private <T> CompletionStage<T> sync(WritePlan plan, ConditionalWrite lwt, PrimaryWrite<T> primary,
      Supplier<CompletableFuture<T>> start) {
    CompletableFuture<T> primaryStage = start.get();
    primaryStage.exceptionally(error -> {
      if (WriteErrors.mayHaveBeenApplied(error)) {
        mirror.mirror(plan.command(), plan.traits(), plan.secondary());
      }
      return null;
    });
    return primaryStage.thenCompose(result -> copies.copyOf(plan, lwt, primary.applied(result))
        .thenCompose(copy -> copy.isEmpty() ? CompletableFuture.completedFuture(null) : send(plan, copy.get()))
        .thenApply(verdict -> {
          if (verdict != null) {
            throw new MirroredWriteException(plan.secondary(), verdict);
          }
          return result;
        }));
  }

  /** Null when the caller should succeed; else the error it should see (as {@code MirroredWrite}'s SYNC path). */
  private CompletionStage<Throwable> send(WritePlan plan, WriteCommand copy) {
    WriteTraits traits = copy == plan.command() ? plan.traits() : mirror.traits(copy);
    return mirror.mirror(copy, traits, plan.secondary()).handle((outcome, error) -> {
      if (error != null) {
        return WriteErrors.unwrap(error);
      }
      if (outcome == MirrorOutcome.LOGGED_FOR_REPLAY && failurePolicy == TargetFailurePolicy.FAIL_CALLER) {
        return new IllegalStateException("the write was logged for replay instead of applied");
      }
      return null;
    });
  }

  private <T> CompletionStage<T> async(WritePlan plan, ConditionalWrite lwt, PrimaryWrite<T> primary,
      Supplier<CompletableFuture<T>> start) {
    boolean reserved = mirror.reserve();
    CompletableFuture<T> primaryStage = start.get();
    primaryStage.whenComplete((result, error) -> {
      CompletionStage<Optional<WriteCommand>> copy;
      if (error == null) {
        copy = copies.copyOf(plan, lwt, primary.applied(result));
      } else {
        copy = CompletableFuture.completedFuture(
            WriteErrors.mayHaveBeenApplied(error) ? Optional.of(plan.command()) : Optional.empty());
      }
      copy.thenAccept(command -> sendReserved(plan, command, reserved));
    });
    return primaryStage;
  }

  private void sendReserved(WritePlan plan, Optional<WriteCommand> copy, boolean reserved) {
    if (copy.isEmpty()) {
      if (reserved) {
        mirror.release();
      }
      return;
    }
    WriteCommand command = copy.get();
    WriteTraits traits = command == plan.command() ? plan.traits() : mirror.traits(command);
    // recorded once the copy is known, i.e. after the write time was read back (the caller may be answered by then)
    Intent intent = mirror.recordIntent(command, traits, plan.secondary());
    if (reserved) {
      mirror.mirrorReserved(command, traits, plan.secondary(), intent);
    } else {
      mirror.logBackpressured(command, traits, plan.secondary(), intent);
    }
  }
}
