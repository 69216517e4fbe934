package io.tandem.proxy.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class JvmMetricsTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Test
  void should_expose_the_heap_and_the_cpu_time_of_the_process() {
    try (JvmMetrics ignored = JvmMetrics.bindTo(registry)) {
      String scrape = registry.scrape();

      assertThat(scrape).contains("jvm_memory_used_bytes{area=\"heap\"", "jvm_memory_max_bytes{area=\"heap\"",
          "process_cpu_time_ns_total ", "jvm_threads_live_threads ", "process_uptime_seconds ");
      assertThat(registry.get("process.cpu.time").functionCounter().count()).isPositive();
    }
  }

  @Test
  void should_stop_recording_collections_once_closed() throws InterruptedException {
    JvmMetrics jvm = JvmMetrics.bindTo(registry);
    System.gc();
    awaitPauses(1);
    jvm.close();
    Thread.sleep(200); // notifications of collections before the close may still arrive
    long pausesAtClose = pauses();

    System.gc();
    Thread.sleep(500);

    assertThat(pauses()).isEqualTo(pausesAtClose);
  }

  private void awaitPauses(long atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (pauses() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(pauses()).isGreaterThanOrEqualTo(atLeast);
  }

  private long pauses() {
    return registry.find("jvm.gc.pause").timers().stream().mapToLong(Timer::count).sum();
  }
}
