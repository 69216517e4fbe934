package io.tandem.core.api.mirror;

import io.tandem.core.api.Side;
import java.util.concurrent.CompletionStage;

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
}
