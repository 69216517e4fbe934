package io.tandem.validator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ToleranceConverterTest {

  private final ToleranceConverter converter = new ToleranceConverter();

  @Test
  void should_read_short_and_iso_durations() {
    assertThat(converter.convert("50ms")).isEqualTo(Duration.ofMillis(50));
    assertThat(converter.convert("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(converter.convert("300us")).isEqualTo(Duration.ofNanos(300_000));
    assertThat(converter.convert("PT0.05S")).isEqualTo(Duration.ofMillis(50));
  }

  @Test
  void should_name_a_wrong_duration() {
    assertThatThrownBy(() -> converter.convert("fifty")).isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'fifty' is not a duration");
  }
}
