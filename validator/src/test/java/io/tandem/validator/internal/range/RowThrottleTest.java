package io.tandem.validator.internal.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RowThrottleTest {

  @Test
  void should_back_off_on_failures_and_creep_back_up_to_the_maximum_only() throws InterruptedException {
    RowThrottle throttle = RowThrottle.adaptive(1000, Duration.ofMillis(50));

    for (int index = 0; index < 30; index++) {
      throttle.onFailure();
      Thread.sleep(110);
    }
    assertThat(throttle.rowsPerSecond()).isEqualTo(50);
    for (int index = 0; index < 5; index++) {
      throttle.onSuccess(Duration.ofMillis(1));
      Thread.sleep(110);
    }
    assertThat(throttle.rowsPerSecond()).isBetween(51L, 1000L);
    throttle.onSuccess(Duration.ofMillis(500));
    assertThat(throttle.rowsPerSecond()).isLessThanOrEqualTo(1000);
  }

  @Test
  void should_need_a_maximum_for_an_adaptive_rate() {
    assertThatThrownBy(() -> RowThrottle.adaptive(0, Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RowThrottle.unlimited().rowsPerSecond()).isZero();
  }
}
