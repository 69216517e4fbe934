package io.tandem.proxy.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tandem.core.api.replay.FailedWriteLog;
import io.tandem.core.testing.EngineMeters;
import io.tandem.core.testing.MetricsReference;
import io.tandem.proxy.internal.server.JvmMetrics;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/metrics.md must list the proxy's meters as registered and none that is gone, and name every series
 * {@code GET /metrics} shows (the proxy's meters, the engine's and the JVM's, on the proxy's Prometheus
 * registry).
 */
class ProxyMetricsDocumentationTest {

  private static final Pattern TIMER_SUFFIX = Pattern.compile("_(count|sum|max|bucket)$");

  @TempDir Path logDirectory;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final MetricsReference reference = MetricsReference.load();
  private FailedWriteLog log;
  private JvmMetrics jvm;

  @BeforeEach
  void registerProxyMeters() throws InterruptedException {
    ProxyMetrics metrics = new ProxyMetrics(registry);
    metrics.request("read");
    metrics.rejected("too_large");
    metrics.error("timeout");
    log = EngineMeters.registerAll(registry, logDirectory, scheduler);
    jvm = JvmMetrics.bindTo(registry);
    awaitGarbageCollectionMeters();
  }

  /** {@code jvm.gc.pause} is registered at the first collection after binding. */
  private void awaitGarbageCollectionMeters() throws InterruptedException {
    System.gc();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (registry.find("jvm.gc.pause").timer() == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @AfterEach
  void close() {
    jvm.close();
    log.close();
    scheduler.shutdownNow();
  }

  @Test
  void should_document_every_proxy_meter_with_its_type_and_tags() {
    assertThat(reference.problemsWith(registry)).as("in %s", reference.file()).isEmpty();
  }

  @Test
  void should_document_no_proxy_meter_that_is_not_registered() {
    assertThat(reference.staleNames(registry, "tandem.proxy.")).as("in %s", reference.file()).isEmpty();
  }

  @Test
  void should_document_the_prometheus_name_of_every_series_on_the_metrics_endpoint() {
    Set<String> undocumented = new TreeSet<>();
    for (String series : seriesNames(registry.scrape())) {
      String base = TIMER_SUFFIX.matcher(series).replaceFirst("");
      if (!reference.prometheusNames().contains(series) && !reference.prometheusNames().contains(base)) {
        undocumented.add(series);
      }
    }
    assertThat(undocumented).as("in %s", reference.file()).isEmpty();
  }

  private static Set<String> seriesNames(String scrape) {
    Set<String> names = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }
}
