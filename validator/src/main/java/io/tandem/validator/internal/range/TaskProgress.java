package io.tandem.validator.internal.range;

import io.tandem.validator.api.range.RangeListener;
import io.tandem.validator.api.range.TokenRange;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicBoolean;

/** Tracks how far one task got through its range, turning reports into listener events. */
final class TaskProgress implements RangeProgress {

  private final TokenRange range;
  private final RangeListener listener;
  private final AtomicBoolean cancelled;
  private BigInteger completedThrough;

  TaskProgress(TokenRange range, RangeListener listener, AtomicBoolean cancelled) {
    this.range = range;
    this.listener = listener;
    this.cancelled = cancelled;
    this.completedThrough = range.start();
  }

  @Override
  public void completedThrough(BigInteger token) {
    if (token.compareTo(completedThrough) <= 0) {
      return;
    }
    BigInteger capped = token.min(range.end());
    BigInteger delta = capped.subtract(completedThrough);
    completedThrough = capped;
    listener.progressed(delta, 0);
    listener.completedThrough(range, capped, remaining());
  }

  @Override
  public void rows(long count) {
    listener.progressed(BigInteger.ZERO, count);
  }

  @Override
  public boolean isCancelled() {
    return cancelled.get();
  }

  /** What is left of the range, or null when it is all done. */
  TokenRange remaining() {
    return range.after(completedThrough);
  }

  void finish() {
    BigInteger delta = range.end().subtract(completedThrough);
    completedThrough = range.end();
    if (delta.signum() > 0) {
      listener.progressed(delta, 0);
    }
  }
}
