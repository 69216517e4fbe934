package io.tandem.proxy.internal.backend;

/** A cluster did not answer a forwarded request within the proxy's request timeout. */
public final class BackendTimeoutException extends RuntimeException {

  public BackendTimeoutException(String message) {
    super(message, null, false, false);
  }
}
