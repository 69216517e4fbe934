package io.tandem.validator.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.concurrent.CompletableFuture;

/**
 * The source and the target session of one command. {@link #close()} closes both at once: a driver session
 * takes about 2 s to close (its Netty event loops wait for a quiet period), so closing them one after the other
 * added about 4 s to every command.
 */
record SourceAndTargetSessions(CqlSession source, CqlSession target) implements AutoCloseable {

  /** Closes both sessions in parallel and waits for both. */
  @Override
  public void close() {
    CompletableFuture<Void> sourceClosed = source.closeAsync().toCompletableFuture();
    CompletableFuture<Void> targetClosed = target.closeAsync().toCompletableFuture();
    CompletableFuture.allOf(sourceClosed, targetClosed).join();
  }
}
