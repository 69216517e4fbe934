package io.tandem.core.internal.control;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Keeps the periodic task it is given and runs it only when a test calls {@link #runPeriodic()}. */
final class ManualScheduler extends ScheduledThreadPoolExecutor {

  private Runnable periodic;
  private ScheduledFuture<?> handle;

  ManualScheduler() {
    super(1);
  }

  @Override
  public synchronized ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
      TimeUnit unit) {
    periodic = command;
    handle = schedule(() -> { }, 1, TimeUnit.DAYS);
    return handle;
  }

  /** Runs the periodic task once on the caller's thread, unless it was cancelled. */
  synchronized void runPeriodic() {
    if (periodic != null && !handle.isCancelled()) {
      periodic.run();
    }
  }

  synchronized boolean cancelled() {
    return handle != null && handle.isCancelled();
  }
}
