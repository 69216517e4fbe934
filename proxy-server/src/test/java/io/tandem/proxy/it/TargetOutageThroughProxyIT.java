package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The target stops mid-workload: clients of the proxy keep working, and replay makes both sides equal. */
@TandemClusters
class TargetOutageThroughProxyIT {

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
  void should_keep_serving_clients_and_replay_what_the_target_missed(MirrorMode mode) {
    try (ProxyFixture fixture = ProxyFixture.start(clusters, mode); CqlSession client = fixture.clientSession()) {
      PreparedStatement insert = client.prepare("INSERT INTO " + clusters.keyspace() + ".outage (k, v) VALUES (?, ?)");
      writeAll(client, insert, 0, 50);

      clusters.target().stop();
      writeAll(client, insert, 50, 150);
      assertThat(client.execute("SELECT count(*) FROM " + clusters.keyspace() + ".outage").one().getLong(0))
          .isEqualTo(150);

      clusters.target().restart();
      awaitEmptyLog(fixture.proxy().engine());
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

  private static void awaitEmptyLog(MirrorEngine engine) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (engine.failedWrites().pendingCount() > 0 && System.nanoTime() < deadline) {
      engine.replayNow().toCompletableFuture().join();
      sleep();
    }
    assertThat(engine.failedWrites().pendingCount()).as("failed writes left to replay").isZero();
  }

  private List<String> rows(CqlSession session) {
    return session.execute("SELECT k, v, WRITETIME(v) FROM " + clusters.keyspace() + ".outage").all().stream()
        .map(row -> row.getInt(0) + "=" + row.getString(1) + "@" + row.getLong(2)).sorted().toList();
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
