package io.tandem.proxy.internal.backend;

import io.tandem.core.api.mirror.UncertainWriteOutcome;

/** A cluster did not answer a forwarded request within the proxy's request timeout: it may still apply it. */
public final class BackendTimeoutException extends RuntimeException implements UncertainWriteOutcome {

  public BackendTimeoutException(String message) {
    super(message, null, false, false);
  }

  @Override
  public boolean mayHaveBeenApplied() {
    return true;
  }
}
