package io.tandem.validator.internal.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.validator.api.validate.CellDifference;
import io.tandem.validator.api.validate.CellDifference.Difference;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Writetimes a few milliseconds apart (an LWT on each cluster) are within the tolerance; further apart they are not. */
class WritetimeToleranceTest {

  private final RowComparator fiftyMillis = new RowComparator(null, null, true, null, Duration.ofMillis(50));
  private final RowComparator exact = new RowComparator(null, null, true, null);

  @Test
  void should_accept_writetimes_up_to_the_tolerance() {
    assertThat(fiftyMillis.withinTolerance(List.of(1_000_000L), List.of(1_003_000L))).isTrue();
    assertThat(fiftyMillis.withinTolerance(List.of(1_050_000L), List.of(1_000_000L))).isTrue();
  }

  @Test
  void should_refuse_writetimes_beyond_the_tolerance() {
    assertThat(fiftyMillis.withinTolerance(List.of(1_000_000L), List.of(1_050_001L))).isFalse();
  }

  @Test
  void should_refuse_cells_of_different_shapes() {
    assertThat(fiftyMillis.withinTolerance(List.of(1L, 2L), List.of(1L))).isFalse();
    assertThat(fiftyMillis.withinTolerance(Arrays.asList(1L, null), List.of(1L, 2L))).isFalse();
  }

  @Test
  void should_refuse_everything_without_a_tolerance() {
    assertThat(exact.withinTolerance(List.of(1_000_000L), List.of(1_000_001L))).isFalse();
  }

  @Test
  void should_call_a_row_within_tolerance_only_when_every_difference_is() {
    CellDifference close = cell(Set.of(Difference.WRITETIME_WITHIN_TOLERANCE));
    CellDifference value = cell(Set.of(Difference.VALUE, Difference.WRITETIME_WITHIN_TOLERANCE));
    CellDifference far = cell(Set.of(Difference.WRITETIME));

    assertThat(RowComparator.onlyWithinTolerance(List.of(close, close))).isTrue();
    assertThat(RowComparator.onlyWithinTolerance(List.of(close, value))).isFalse();
    assertThat(RowComparator.onlyWithinTolerance(List.of(close, far))).isFalse();
    assertThat(RowComparator.onlyWithinTolerance(List.of())).isFalse();
  }

  private static CellDifference cell(Set<Difference> differences) {
    return new CellDifference("v", "1", "1", 1L, 2L, null, null, differences);
  }
}
