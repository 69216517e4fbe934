package io.tandem.validator.internal.scan;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.ReadFailureException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;

/**
 * A scan could not read on. {@link #isTimeout()} says whether a smaller range might succeed (a read that
 * timed out, typically on a big partition), which is what the range runner splits on.
 */
public final class ScanException extends RuntimeException {

  private final boolean timeout;

  public ScanException(String message, Throwable cause, boolean timeout) {
    super(message + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : ""), cause);
    this.timeout = timeout;
  }

  public static ScanException of(Throwable cause) {
    if (cause instanceof ScanException scan) {
      return scan;
    }
    boolean timeout = cause instanceof DriverTimeoutException || cause instanceof ReadTimeoutException
        || cause instanceof ReadFailureException;
    return new ScanException(cause.getClass().getSimpleName(), cause, timeout);
  }

  public boolean isTimeout() {
    return timeout;
  }
}
