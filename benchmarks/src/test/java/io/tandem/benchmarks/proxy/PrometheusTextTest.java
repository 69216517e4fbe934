package io.tandem.benchmarks.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  @Test
  void should_read_samples_with_labels_holding_spaces_quotes_and_commas() {
    PrometheusText text = PrometheusText.parse("""
        # HELP jvm_memory_used_bytes The amount of used memory
        # TYPE jvm_memory_used_bytes gauge
        jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 2.5E7
        jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 1.0E7
        jvm_memory_used_bytes{area="nonheap",id="CodeHeap 'non-nmethods'"} 1235328.0
        jvm_buffer_count_buffers{id="mapped - 'non-volatile memory'"} 0.0
        odd_label{text="a \\"quoted\\", b"} 3
        process_cpu_time_ns_total 2.13E9
        """);

    assertThat(text.sum("jvm_memory_used_bytes", Map.of("area", "heap"))).isEqualTo(3.5e7);
    assertThat(text.sum("jvm_memory_used_bytes", Map.of())).isEqualTo(3.5e7 + 1235328);
    assertThat(text.sum("process_cpu_time_ns_total", Map.of())).isEqualTo(2.13e9);
    assertThat(text.matching("odd_label", Map.of("text", "a \"quoted\", b"))).singleElement()
        .extracting(PrometheusText.Sample::value).isEqualTo(3.0);
    assertThat(text.has("jvm_buffer_count_buffers", Map.of("id", "mapped - 'non-volatile memory'"))).isTrue();
    assertThat(text.sum("missing", Map.of())).isZero();
  }

  @Test
  void should_read_micrometer_counters_timers_and_gauges_by_their_micrometer_names() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Counter.builder("tandem.mirror.writes").tag("outcome", "mirrored").tag("keyspace", "k").tag("table", "t")
        .register(registry).increment(5);
    Counter.builder("tandem.mirror.writes").tag("outcome", "logged_for_replay").tag("keyspace", "k").tag("table", "t")
        .register(registry).increment(2);
    Timer.builder("tandem.request.latency").tag("side", "target").tag("kind", "write").register(registry)
        .record(Duration.ofMillis(30));
    registry.gauge("tandem.failed_writes.pending", 4);

    PrometheusText text = PrometheusText.parse(registry.scrape());

    assertThat(text.counter("tandem.mirror.writes", Map.of())).isEqualTo(7);
    assertThat(text.counter("tandem.mirror.writes", Map.of("outcome", "mirrored"))).isEqualTo(5);
    assertThat(text.timer("tandem.request.latency", Map.of("side", "target", "kind", "write")).count()).isEqualTo(1);
    assertThat(text.timer("tandem.request.latency", Map.of("side", "target", "kind", "write")).meanMillis())
        .isEqualTo(30.0);
    assertThat(text.timer("tandem.request.latency", Map.of("side", "source"))).isNull();
    assertThat(text.gauge("tandem.failed_writes.pending")).isEqualTo(4.0);
    assertThat(text.failedWritesPending()).isEqualTo(4);
    assertThat(text.gauge("tandem.mirror.in_flight")).isNull();
  }
}
