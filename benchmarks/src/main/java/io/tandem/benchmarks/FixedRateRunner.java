package io.tandem.benchmarks;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * Drives an {@link Operation} as an open loop at a fixed rate: request {@code n} is due at {@code start + n /
 * rate}, and one thread issues each request when it is due, whether or not the earlier ones were answered.
 * Latency runs from when the request was due, not from when it was actually sent, so a late issue (the
 * issuing thread waking late, a pause) counts as latency instead of hiding it (no coordinated omission).
 * A cap on the requests in flight keeps an overloaded contender from piling up requests without end; the
 * time spent waiting at the cap counts as latency too.
 */
public final class FixedRateRunner implements PhaseDriver {

  private final double operationsPerSecond;
  private final int maximumInFlight;

  /**
   * @param operationsPerSecond the rate requests are issued at
   * @param maximumInFlight most requests in flight at once
   */
  public FixedRateRunner(double operationsPerSecond, int maximumInFlight) {
    if (!(operationsPerSecond > 0) || maximumInFlight < 1) {
      throw new IllegalArgumentException("rate must be positive and maximumInFlight at least 1, got "
          + operationsPerSecond + " and " + maximumInFlight);
    }
    this.operationsPerSecond = operationsPerSecond;
    this.maximumInFlight = maximumInFlight;
  }

  public double operationsPerSecond() {
    return operationsPerSecond;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "open loop at a fixed %,.0f requests/s (at most %d in flight)",
        operationsPerSecond, maximumInFlight);
  }

  @Override
  public PhaseResult run(String label, Operation operation, Duration duration) throws InterruptedException {
    Semaphore permits = new Semaphore(maximumInFlight);
    Recorder recorder = new Recorder(3);
    LongAdder completed = new LongAdder();
    LongAdder failed = new LongAdder();
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    double nanosPerRequest = 1e9 / operationsPerSecond;
    long started = System.nanoTime();
    long requests = Math.max(1, (long) (duration.toNanos() / nanosPerRequest));
    for (long index = 0; index < requests; index++) {
      long due = started + (long) (index * nanosPerRequest);
      waitUntil(due);
      permits.acquire();
      startSafely(operation).whenComplete((ignored, error) -> {
        if (error == null) {
          recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1_000));
          completed.increment();
        } else {
          failed.increment();
          firstError.compareAndSet(null, error);
        }
        permits.release();
      });
    }
    permits.acquire(maximumInFlight);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    permits.release(maximumInFlight);
    return new PhaseResult(label, completed.sum(), failed.sum(), elapsed, recorder.getIntervalHistogram(),
        firstError.get(), null);
  }

  /** Parks until {@code due} (no spinning: the cores are shared with the clusters). */
  private static void waitUntil(long due) throws InterruptedException {
    long remaining;
    while ((remaining = due - System.nanoTime()) > 0) {
      LockSupport.parkNanos(remaining);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  private static CompletionStage<?> startSafely(Operation operation) {
    try {
      return operation.start();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
