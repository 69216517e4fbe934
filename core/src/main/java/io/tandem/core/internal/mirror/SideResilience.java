package io.tandem.core.internal.mirror;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirrorConfig;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One circuit breaker and one retry per cluster (named {@code source} and {@code target}), registered
 * with Micrometer. While a breaker is open, mirrored writes to its cluster fail at once with {@link
 * CallNotPermittedException} and go to the failed-write log instead of waiting on timeouts.
 *
 * <p>Calls that take {@code secondary-deadline} or longer count as slow, as soon as they have taken it (see {@link
 * SlowCallBreaker}); {@code slow-call-rate-threshold} percent of them in the window opens the breaker too.
 *
 * <p>Errors that say the request itself is wrong (syntax, unknown table, bad value) are neither retried
 * nor counted against the breaker: the cluster is healthy.
 */
public final class SideResilience {

  private final Map<Side, CircuitBreaker> breakers = new EnumMap<>(Side.class);
  private final Map<Side, Retry> retries = new EnumMap<>(Side.class);
  private final ScheduledExecutorService scheduler;
  private final SlowCallBreaker slowCalls;

  public SideResilience(
      MirrorConfig config, Clock clock, ScheduledExecutorService scheduler, MeterRegistry meterRegistry) {
    this.scheduler = scheduler;
    this.slowCalls = new SlowCallBreaker(scheduler, config.secondaryDeadline());
    CircuitBreakerRegistry breakerRegistry = CircuitBreakerRegistry.of(breakerConfig(config, clock));
    RetryRegistry retryRegistry = RetryRegistry.of(retryConfig(config));
    for (Side side : Side.values()) {
      String name = side.name().toLowerCase(Locale.ROOT);
      breakers.put(side, breakerRegistry.circuitBreaker(name));
      retries.put(side, retryRegistry.retry(name));
    }
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakerRegistry).bindTo(meterRegistry);
    TaggedRetryMetrics.ofRetryRegistry(retryRegistry).bindTo(meterRegistry);
  }

  public CircuitBreaker breaker(Side side) {
    return breakers.get(side);
  }

  /** Runs the call through the side's breaker and, when it is safe to repeat, its retry. */
  public <T> CompletionStage<T> call(Side side, boolean retrySafe, Supplier<CompletionStage<T>> call) {
    CircuitBreaker breaker = breakers.get(side);
    Supplier<CompletionStage<T>> guarded = () -> slowCalls.call(breaker, call);
    if (retrySafe) {
      guarded = Retry.decorateCompletionStage(retries.get(side), scheduler, guarded);
    }
    return guarded.get();
  }

  private static CircuitBreakerConfig breakerConfig(MirrorConfig config, Clock clock) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(config.breakerSlidingWindowSize())
        .minimumNumberOfCalls(config.breakerMinimumCalls())
        .failureRateThreshold(config.breakerFailureRateThreshold())
        // a stalled cluster answers late rather than wrong: slow calls open the breaker before timeouts do
        .slowCallDurationThreshold(config.secondaryDeadline())
        .slowCallRateThreshold(config.breakerSlowCallRateThreshold())
        .waitDurationInOpenState(config.breakerOpenDuration())
        .permittedNumberOfCallsInHalfOpenState(3)
        .automaticTransitionFromOpenToHalfOpenEnabled(true)
        .ignoreException(WriteErrors::isRequestError)
        .clock(clock)
        .build();
  }

  private static RetryConfig retryConfig(MirrorConfig config) {
    Predicate<Throwable> retryable =
        error -> !(WriteErrors.unwrap(error) instanceof CallNotPermittedException) && !WriteErrors.isRequestError(error);
    return RetryConfig.custom()
        .maxAttempts(config.retryMaxAttempts())
        .intervalFunction(
            IntervalFunction.ofExponentialBackoff(config.retryInitialBackoff().toMillis(), 2.0))
        .retryOnException(retryable)
        .failAfterMaxAttempts(false)
        .build();
  }
}
