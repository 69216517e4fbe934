package io.tandem.proxy.internal.backend;

import io.tandem.core.api.mirror.UncertainWriteOutcome;

/**
 * A request was in flight, or about to be sent, on a cluster connection that closed or could not be opened. One
 * that was in flight may have been applied ({@link #afterSending}): the engine still mirrors such a write.
 */
public final class BackendConnectionLostException extends RuntimeException implements UncertainWriteOutcome {

  private final boolean sent;

  /** The request never left the proxy. */
  public BackendConnectionLostException(String message) {
    this(message, null, false);
  }

  /** The request never left the proxy. */
  public BackendConnectionLostException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private BackendConnectionLostException(String message, Throwable cause, boolean sent) {
    super(message, cause, false, false);
    this.sent = sent;
  }

  /** The request had been sent and its answer was lost with the connection. */
  public static BackendConnectionLostException afterSending(String message) {
    return new BackendConnectionLostException(message, null, true);
  }

  @Override
  public boolean mayHaveBeenApplied() {
    return sent;
  }
}
