package io.tandem.core.internal.mirror;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One-shot timers on the engine's scheduler, for the deadline and slow-call checks of a single copy. */
final class Timers {

  private Timers() {}

  /**
   * Runs {@code task} after {@code nanos} unless the returned handle cancels it first. A scheduler already shut
   * down (the engine closing) sets no timer: the copy then simply ends as it ends.
   */
  static Runnable after(ScheduledExecutorService scheduler, long nanos, Runnable task) {
    try {
      ScheduledFuture<?> timer = scheduler.schedule(task, nanos, TimeUnit.NANOSECONDS);
      return () -> timer.cancel(false);
    } catch (RejectedExecutionException e) {
      return () -> { };
    }
  }
}
