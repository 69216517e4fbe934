package io.tandem.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class MarkdownTest {

  @Test
  void should_give_each_rounds_p99_in_milliseconds() {
    List<PhaseResult> phases = List.of(phase(1_850), phase(990));

    assertThat(Markdown.perRoundP99(phases)).isEqualTo("1.85 / 0.99");
  }

  /** A phase whose every request took {@code micros}. */
  private static PhaseResult phase(long micros) {
    Histogram latencies = new Histogram(3);
    latencies.recordValueWithCount(micros, 100);
    return new PhaseResult("contender", 100, 0, Duration.ofSeconds(1), latencies, null, null);
  }
}
