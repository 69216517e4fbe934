package io.tandem.validator.api.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RawRingScanTest {

  @Test
  void should_name_what_is_missing() {
    assertThatThrownBy(() -> RawRingScan.builder().forTable("ks", "t").run())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("withSource");
  }

  @Test
  void should_reject_no_splits() {
    assertThatThrownBy(() -> RawRingScan.builder().withSplits(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("splits must be >= 1");
  }

  @Test
  void should_give_source_rows_per_second() {
    RawRingScan.Result result = new RawRingScan.Result(3000, 2990, 256, Duration.ofMillis(1500));

    assertThat(result.sourceRowsPerSecond()).isEqualTo(2000.0);
  }
}
