package io.tandem.validator.internal.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CellValuesTest {

  @Test
  void should_treat_null_and_empty_collections_as_equal() {
    assertThat(CellValues.same(null, List.of())).isTrue();
    assertThat(CellValues.same(Set.of(), null)).isTrue();
    assertThat(CellValues.same(Map.of(), List.of())).isTrue();
    assertThat(CellValues.same(null, List.of(1))).isFalse();
  }

  @Test
  void should_compare_decimals_by_value_also_inside_collections() {
    assertThat(CellValues.same(new BigDecimal("1.0"), new BigDecimal("1.00"))).isTrue();
    assertThat(CellValues.same(new BigDecimal("1.0"), new BigDecimal("1.01"))).isFalse();
    assertThat(CellValues.same(List.of(new BigDecimal("2.50")), List.of(new BigDecimal("2.5")))).isTrue();
    Map<String, BigDecimal> left = new LinkedHashMap<>();
    left.put("a", new BigDecimal("3.0"));
    Map<String, BigDecimal> right = new LinkedHashMap<>();
    right.put("a", new BigDecimal("3"));
    assertThat(CellValues.same(left, right)).isTrue();
  }

  @Test
  void should_treat_nan_as_equal_to_nan() {
    assertThat(CellValues.same(Double.NaN, Double.NaN)).isTrue();
    assertThat(CellValues.same(Float.NaN, Float.NaN)).isTrue();
    assertThat(CellValues.same(1.0d, 2.0d)).isFalse();
  }

  @Test
  void should_compare_sets_and_lists_in_order() {
    assertThat(CellValues.same(new LinkedHashSet<>(List.of(1, 2)), new LinkedHashSet<>(List.of(1, 2)))).isTrue();
    assertThat(CellValues.same(List.of(1, 2), List.of(2, 1))).isFalse();
    assertThat(CellValues.same(List.of("a"), List.of("a", "b"))).isFalse();
  }

  @Test
  void should_tell_different_scalars_apart() {
    assertThat(CellValues.same("a", "b")).isFalse();
    assertThat(CellValues.same("", null)).isFalse();
    assertThat(CellValues.same(5, 5)).isTrue();
  }
}
