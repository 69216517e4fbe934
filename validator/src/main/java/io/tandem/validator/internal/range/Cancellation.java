package io.tandem.validator.internal.range;

import io.tandem.validator.api.range.RangeListener;
import io.tandem.validator.api.range.TokenRange;
import io.tandem.validator.internal.range.RangeRunner.RangeRunResult;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code cancel()} of a copier or validator: stops the {@link RangeRunner}s running through it, and, when
 * none is running yet, the next one it starts (a cancel that arrives while a run is being set up is not lost).
 * {@link #reset()} at the end of a run lets the next run go ahead. Thread-safe.
 */
public final class Cancellation {

  private final Set<RangeRunner> running = ConcurrentHashMap.newKeySet();
  private volatile boolean requested;

  /** Cancels the running runners, and the next one started before {@link #reset()}. */
  public void cancel() {
    requested = true;
    running.forEach(RangeRunner::cancel);
  }

  /** True once {@link #cancel()} was called, until {@link #reset()}. */
  public boolean isRequested() {
    return requested;
  }

  /** Forgets a cancel request: call when a run is over, so the next one is not cancelled. */
  public void reset() {
    requested = false;
  }

  /** {@link RangeRunner#run} that {@link #cancel()} can stop; cancelled from the start when already requested. */
  public RangeRunResult run(RangeRunner runner, List<TokenRange> ranges, RangeJob job, RangeListener listener) {
    running.add(runner);
    try {
      if (requested) {
        runner.cancel();
      }
      return runner.run(ranges, job, listener);
    } finally {
      running.remove(runner);
    }
  }
}
