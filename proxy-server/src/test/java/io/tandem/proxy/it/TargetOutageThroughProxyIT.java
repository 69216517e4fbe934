package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The target stops mid-workload: clients of the proxy keep working, and replay makes both sides equal. */
@TandemClusters
class TargetOutageThroughProxyIT {

  private static final String NOTHING_PENDING = "{\"pending\":0}";

  private ClusterPair clusters;

  @BeforeEach
  void createTable(ClusterPair clusters) {
    this.clusters = clusters;
    clusters.ensureTargetRunning();
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.outage");
    clusters.executeOnBoth("CREATE TABLE %s.outage (k int PRIMARY KEY, v text)");
  }

  @AfterEach
  void restartTarget() {
    clusters.ensureTargetRunning();
  }

  @ParameterizedTest
  @EnumSource(value = MirrorMode.class, names = {"SYNC", "ASYNC"})
  void should_keep_serving_clients_and_replay_what_the_target_missed(MirrorMode mode) throws Exception {
    try (ProxyFixture fixture = ProxyFixture.start(clusters, mode,
            config -> config.adminAddress(new InetSocketAddress("127.0.0.1", 0)));
        CqlSession client = fixture.clientSession()) {
      PreparedStatement insert = client.prepare("INSERT INTO " + clusters.keyspace() + ".outage (k, v) VALUES (?, ?)");
      writeAll(client, insert, 0, 50);

      clusters.target().stop();
      writeAll(client, insert, 50, 150);
      assertThat(client.execute("SELECT count(*) FROM " + clusters.keyspace() + ".outage").one().getLong(0))
          .isEqualTo(150);

      clusters.target().restart();
      replayThroughTheAdminEndpoint(fixture.proxy().adminAddress());
    }
    List<String> source = rows(clusters.sourceSession());
    assertThat(source).hasSize(150);
    assertThat(rows(clusters.targetSession())).isEqualTo(source);
  }

  private static void writeAll(CqlSession client, PreparedStatement insert, int from, int to) {
    for (int k = from; k < to; k++) {
      client.execute(insert.bind(k, "v" + k));
    }
  }

  /** As an operator after the outage: {@code POST /admin/replay} until {@code /admin/failed-writes} shows none. */
  private static void replayThroughTheAdminEndpoint(InetSocketAddress admin) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI failedWrites = URI.create("http://127.0.0.1:" + admin.getPort() + "/admin/failed-writes");
    URI replay = URI.create("http://127.0.0.1:" + admin.getPort() + "/admin/replay");
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!body(http, HttpRequest.newBuilder(failedWrites).build()).equals(NOTHING_PENDING)
        && System.nanoTime() < deadline) {
      assertThat(http.send(HttpRequest.newBuilder(replay).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isIn(200, 202);
      Thread.sleep(200);
    }
    assertThat(body(http, HttpRequest.newBuilder(failedWrites).build())).as("failed writes left to replay")
        .isEqualTo(NOTHING_PENDING);
  }

  private static String body(HttpClient http, HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body().strip();
  }

  private List<String> rows(CqlSession session) {
    return session.execute("SELECT k, v, WRITETIME(v) FROM " + clusters.keyspace() + ".outage").all().stream()
        .map(row -> row.getInt(0) + "=" + row.getString(1) + "@" + row.getLong(2)).sorted().toList();
  }
}
