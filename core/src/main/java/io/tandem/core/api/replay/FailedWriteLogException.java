package io.tandem.core.api.replay;

/**
 * The failed-write log cannot be written (directory missing or read-only, disk full). The message names the
 * path, the cause and what to do.
 */
public class FailedWriteLogException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public FailedWriteLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
