package io.tandem.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Recorder;

/**
 * Drives an {@link Operation} as a closed loop with a fixed number of requests in flight: one thread takes
 * a permit, starts a request, and the request's completion gives the permit back. Latency is measured
 * from the start of the request to its answer, in microseconds, into an HdrHistogram {@link Recorder}
 * (safe to record into from the driver's I/O threads).
 */
public final class LoadRunner implements PhaseDriver {

  private final int concurrency;

  public LoadRunner(int concurrency) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
    this.concurrency = concurrency;
  }

  public int concurrency() {
    return concurrency;
  }

  @Override
  public String describe() {
    return "closed loop, " + concurrency + " requests in flight";
  }

  /**
   * Issues requests until {@code duration} has passed, then waits for the ones still in flight. The
   * elapsed time runs until the last answer, so every counted request lies inside it.
   */
  @Override
  public PhaseResult run(String label, Operation operation, Duration duration) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    return runUntil(label, operation, () -> System.nanoTime() >= deadline);
  }

  /**
   * Issues requests until {@code done} says so (asked before each request), then waits for the ones still in
   * flight, as {@link #run} does.
   */
  public PhaseResult runUntil(String label, Operation operation, BooleanSupplier done) throws InterruptedException {
    Semaphore permits = new Semaphore(concurrency);
    Recorder recorder = new Recorder(3);
    LongAdder completed = new LongAdder();
    LongAdder failed = new LongAdder();
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    long started = System.nanoTime();
    while (!done.getAsBoolean()) {
      if (!permits.tryAcquire(10, TimeUnit.MILLISECONDS)) {
        continue;
      }
      long issued = System.nanoTime();
      startSafely(operation).whenComplete((ignored, error) -> {
        if (error == null) {
          recorder.recordValue(Math.max(1, (System.nanoTime() - issued) / 1_000));
          completed.increment();
        } else {
          failed.increment();
          firstError.compareAndSet(null, error);
        }
        permits.release();
      });
    }
    permits.acquire(concurrency);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    permits.release(concurrency);
    return new PhaseResult(label, completed.sum(), failed.sum(), elapsed, recorder.getIntervalHistogram(),
        firstError.get(), null);
  }

  private static CompletionStage<?> startSafely(Operation operation) {
    try {
      return operation.start();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
