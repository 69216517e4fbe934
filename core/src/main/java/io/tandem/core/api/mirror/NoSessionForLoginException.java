package io.tandem.core.api.mirror;

/**
 * No session can be had now for the login a write was made under (its credentials are not known, the cluster
 * refused them, the session is still opening). {@link LoginSessions} fail with it; the engine then logs the
 * write, and a replay run sets such entries aside at the end of the log and goes on with the others, instead of
 * stopping as for an unreachable cluster. The message says why and what to do.
 */
public class NoSessionForLoginException extends RuntimeException {

  public NoSessionForLoginException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
