package io.tandem.proxy.internal.session;

/**
 * No session can be had now for the login a write was made under; the engine logs the write and replays
 * it once one can. The message says why and what to do.
 */
public final class NoSessionException extends RuntimeException {

  NoSessionException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
