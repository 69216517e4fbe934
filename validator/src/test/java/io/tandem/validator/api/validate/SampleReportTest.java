package io.tandem.validator.api.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SampleReportTest {

  @Test
  void should_bound_by_rule_of_three_when_nothing_found() {
    assertThat(SampleReport.upperBound(0, 300)).isEqualTo(0.01, within(1e-9));
  }

  @Test
  void should_bound_with_wilson_when_mismatches_found() {
    // Wilson 95% upper bound for 5/100 is about 0.1118
    assertThat(SampleReport.upperBound(5, 100)).isEqualTo(0.1118, within(0.001));
    assertThat(SampleReport.upperBound(100, 100)).isEqualTo(1.0, within(1e-9));
  }

  @Test
  void should_reject_an_incomplete_builder_with_a_clear_message() {
    assertThatThrownBy(() -> Validator.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("withSource");
    assertThatThrownBy(() -> Validator.builder().withSplits(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("splits");
    assertThatThrownBy(() -> Validator.builder().forTables("ks", java.util.List.of()))
        .hasMessageContaining("at least one table");
  }
}
