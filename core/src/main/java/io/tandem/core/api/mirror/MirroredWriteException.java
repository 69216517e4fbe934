package io.tandem.core.api.mirror;

import io.tandem.core.api.Side;

/**
 * A SYNC write succeeded on the primary but its copy could not be applied on the secondary (it was logged
 * for replay, and {@link TargetFailurePolicy#FAIL_CALLER} is set), or could not even be logged.
 */
public class MirroredWriteException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final Side side;

  public MirroredWriteException(Side side, Throwable cause) {
    super("The write succeeded on the primary but not on " + side + ": " + cause.getMessage(), cause);
    this.side = side;
  }

  /** The cluster that did not get the write. */
  public Side side() {
    return side;
  }
}
