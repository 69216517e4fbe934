package io.tandem.validator.internal.copy;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The scheduler of one copy's write retries: the caller's when one was given (never shut down here), else a
 * single daemon thread owned by the copy and shut down when it ends.
 */
final class RetryScheduler implements AutoCloseable {

  private final ScheduledExecutorService executor;
  private final boolean owned;

  private RetryScheduler(ScheduledExecutorService executor, boolean owned) {
    this.executor = executor;
    this.owned = owned;
  }

  /** {@code given} when not null, else a new single-thread scheduler owned by the result. */
  static RetryScheduler of(ScheduledExecutorService given) {
    if (given != null) {
      return new RetryScheduler(given, false);
    }
    return new RetryScheduler(Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "tandem-copy-retries");
      thread.setDaemon(true);
      return thread;
    }), true);
  }

  ScheduledExecutorService executor() {
    return executor;
  }

  /** Shuts the scheduler down when the copy created it; leaves a given one running. */
  @Override
  public void close() {
    if (owned) {
      executor.shutdownNow();
    }
  }
}
