package io.tandem.core.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** A frozen cluster never answers: its calls must count as slow at the threshold, not when they time out. */
class SlowCallBreakerTest {

  /** Long enough that no real call here is slow by itself (the first one loads classes on a busy machine). */
  private static final Duration THRESHOLD = Duration.ofSeconds(30);

  private final ManualScheduler timers = new ManualScheduler();
  private final SlowCallBreaker slowCalls = new SlowCallBreaker(timers.executor, THRESHOLD);
  private final CircuitBreaker breaker = CircuitBreaker.of("target", CircuitBreakerConfig.custom()
      .slidingWindowSize(10).minimumNumberOfCalls(5)
      .slowCallDurationThreshold(THRESHOLD).slowCallRateThreshold(50).build());

  @Test
  void should_open_the_breaker_on_calls_still_running_at_the_threshold() {
    for (int k = 0; k < 5; k++) {
      slowCalls.call(breaker, CompletableFuture::new);
    }
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);

    timers.fireAll();

    assertThat(timers.delays).containsOnly(THRESHOLD);
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(slowCalls.call(breaker, CompletableFuture::new)).isCompletedExceptionally()
        .failsWithin(Duration.ZERO).withThrowableOfType(Exception.class)
        .withCauseInstanceOf(CallNotPermittedException.class);
  }

  @Test
  void should_record_a_call_once_when_it_ends_after_being_counted_slow() {
    CompletableFuture<String> call = new CompletableFuture<>();
    CompletionStage<String> stage = slowCalls.call(breaker, () -> call);

    timers.fireAll();
    call.completeExceptionally(new IllegalStateException("timed out"));

    assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isEqualTo(1);
    assertThat(breaker.getMetrics().getNumberOfSlowSuccessfulCalls()).isEqualTo(1);
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    assertThat(stage.toCompletableFuture()).isCompletedExceptionally(); // the caller still sees the real outcome
  }

  @Test
  void should_record_a_quick_answer_as_it_is_and_cancel_the_timer() {
    slowCalls.call(breaker, () -> CompletableFuture.completedFuture("applied"));
    slowCalls.call(breaker, () -> CompletableFuture.failedFuture(new IllegalStateException("down")));
    timers.fireAll();

    assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    assertThat(breaker.getMetrics().getNumberOfSlowCalls()).isZero();
  }
}
