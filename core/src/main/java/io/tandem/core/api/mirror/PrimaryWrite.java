package io.tandem.core.api.mirror;

import io.tandem.core.api.Side;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A front door's own way of sending a write's primary copy (the application's statement, a forwarded frame).
 * The engine says which cluster is primary for this write — decided once, together with the secondary, so
 * a cutover happening meanwhile can never send both copies to the same cluster.
 *
 * @param <T> what the caller gets back
 */
@FunctionalInterface
public interface PrimaryWrite<T> {

  /**
   * Sends the command to {@code primary}; the stage completes with the caller's answer, and fails when the
   * primary refused the write (so it is not mirrored). {@code command} is the very instance given to {@code
   * MirrorEngine#write} when the engine changed nothing (e.g. a write that is not mirrored): the front door may
   * then send the client's request as it came. Called once, on the thread that called {@code write}.
   */
  CompletionStage<T> send(Side primary, WriteCommand command);

  /**
   * Whether the primary applied a conditional write (its {@code [applied]} column), read from its answer; empty
   * (the default) when this front door cannot tell. Used by {@link LwtCopyMode#UNCONDITIONAL_AT_PRIMARY_WRITETIME},
   * which falls back to the conditional copy when it is empty.
   */
  default Optional<Boolean> applied(T answer) {
    return Optional.empty();
  }

  /** A primary write whose answer says whether an LWT applied, as {@code applied} reads it (empty: cannot tell). */
  static <T> PrimaryWrite<T> withApplied(PrimaryWrite<T> send, Function<? super T, Optional<Boolean>> applied) {
    return new PrimaryWrite<>() {
      @Override
      public CompletionStage<T> send(Side primary, WriteCommand command) {
        return send.send(primary, command);
      }

      @Override
      public Optional<Boolean> applied(T answer) {
        return applied.apply(answer);
      }
    };
  }
}
