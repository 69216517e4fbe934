package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} of a running proxy: its own meters, the engine's and its JVM's. */
@TandemClusters
class MetricsEndpointIT {

  @Test
  void should_serve_the_jvm_and_process_meters_next_to_the_proxy_meters(ClusterPair clusters) throws Exception {
    // the admin endpoint on a free port of the source's loopback address
    InetSocketAddress admin = new InetSocketAddress(clusters.source().contactPoints().get(0).getAddress(), 0);
    try (ProxyFixture fixture = ProxyFixture.start(clusters, MirrorMode.ASYNC, config -> config.adminAddress(admin));
         CqlSession client = fixture.clientSession()) {
      client.execute("SELECT release_version FROM system.local");
      InetSocketAddress bound = fixture.proxy().adminAddress();

      HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
              "http://" + bound.getHostString() + ":" + bound.getPort() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("tandem_proxy_requests_total{route=\"system-table\"}",
          "jvm_memory_used_bytes{area=\"heap\"", "jvm_memory_max_bytes{area=\"heap\"", "process_cpu_time_ns_total ",
          "jvm_threads_live_threads ", "process_uptime_seconds ");
    }
  }
}
