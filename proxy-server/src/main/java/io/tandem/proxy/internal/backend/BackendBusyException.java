package io.tandem.proxy.internal.backend;

/** Every stream id of a cluster connection is in use; the client is told the proxy is overloaded. */
public final class BackendBusyException extends RuntimeException {

  public BackendBusyException(String message) {
    super(message, null, false, false);
  }
}
