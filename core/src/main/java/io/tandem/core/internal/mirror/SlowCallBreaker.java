package io.tandem.core.internal.mirror;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs a call through a breaker as Resilience4j's own decorator does, except that a call still running at the
 * slow-call threshold is recorded then, as slow, instead of when it ends. A frozen cluster answers only when the
 * driver's request times out (seconds later): recorded at completion, its calls would open the breaker only
 * after that long, and every SYNC caller meanwhile would wait a full deadline.
 */
final class SlowCallBreaker {

  private final ScheduledExecutorService scheduler;
  private final long slowNanos;

  SlowCallBreaker(ScheduledExecutorService scheduler, Duration slowCallThreshold) {
    this.scheduler = scheduler;
    this.slowNanos = slowCallThreshold.toNanos();
  }

  <T> CompletionStage<T> call(CircuitBreaker breaker, Supplier<CompletionStage<T>> call) {
    if (!breaker.tryAcquirePermission()) {
      return CompletableFuture.failedFuture(CallNotPermittedException.createCallNotPermittedException(breaker));
    }
    long started = breaker.getCurrentTimestamp();
    AtomicBoolean recorded = new AtomicBoolean(); // one record per permission, whichever comes first
    Runnable cancelSlow = Timers.after(scheduler, slowNanos, () -> {
      if (recorded.compareAndSet(false, true)) {
        // past the threshold (Resilience4j counts a call slow when strictly longer), whatever the breaker's own
        // clock reads: the timer fired, so the call has taken that long
        long pastThreshold = breaker.getTimestampUnit().convert(slowNanos, TimeUnit.NANOSECONDS) + 1;
        breaker.onSuccess(Math.max(elapsed(breaker, started), pastThreshold), breaker.getTimestampUnit());
      }
    });
    CompletionStage<T> stage;
    try {
      stage = call.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    return stage.whenComplete((result, error) -> {
      cancelSlow.run();
      if (recorded.compareAndSet(false, true)) {
        if (error == null) {
          breaker.onResult(elapsed(breaker, started), breaker.getTimestampUnit(), result);
        } else {
          breaker.onError(elapsed(breaker, started), breaker.getTimestampUnit(), WriteErrors.unwrap(error));
        }
      }
    });
  }

  private static long elapsed(CircuitBreaker breaker, long started) {
    return breaker.getCurrentTimestamp() - started;
  }
}
