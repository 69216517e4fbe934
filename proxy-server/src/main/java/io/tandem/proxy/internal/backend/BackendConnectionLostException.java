package io.tandem.proxy.internal.backend;

/** A request was in flight, or about to be sent, on a cluster connection that closed or could not be opened. */
public final class BackendConnectionLostException extends RuntimeException {

  public BackendConnectionLostException(String message) {
    super(message, null, false, false);
  }

  public BackendConnectionLostException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
