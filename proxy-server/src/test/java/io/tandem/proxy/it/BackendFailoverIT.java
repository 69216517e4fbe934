package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.testing.QuickMirrorConfig;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.api.TandemProxy;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.EmbeddedCassandraCluster;
import io.tandem.testkit.TandemClusters;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node of a two-node source dies under the proxy: client connections whose forwarded traffic went to it
 * carry on through the other node (with ZDM, every client connection pinned to a dead node fails). The
 * proxy is only given the first node: it finds the second one itself.
 */
@TandemClusters
class BackendFailoverIT {

  private static final int CLIENTS = 4;
  private static EmbeddedCassandraCluster source;
  private static TandemProxy proxy;
  private static ClusterPair clusters;
  private static final List<CqlSession> clients = new ArrayList<>();

  @BeforeAll
  static void start(ClusterPair pair, @TempDir Path folder) {
    clusters = pair;
    source = EmbeddedCassandraCluster.builder().withClusterName("failover-source").withFirstAddress("127.0.0.33")
        .withNodeCount(2).withHeap("768m").build().start();
    try (CqlSession admin = source.testSessionBuilder(Duration.ofSeconds(20)).build()) {
      admin.execute("CREATE KEYSPACE IF NOT EXISTS " + clusters.keyspace()
          + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 2}");
      admin.execute("CREATE TABLE IF NOT EXISTS " + clusters.keyspace() + ".events (k int PRIMARY KEY, v text)");
    }
    clusters.executeOnTarget("CREATE TABLE IF NOT EXISTS %s.events (k int PRIMARY KEY, v text)");
    ClusterEndpoint firstNodeOnly = ClusterEndpoint.plain("source", source.contactPoints().get(0));
    proxy = TandemProxy.start(ProxyConfig.builder(firstNodeOnly, ProxyFixture.endpoint("target", clusters.target()))
        .listenAddress(new InetSocketAddress("127.0.0.1", 0))
        .adminAddress(null)
        .mirror(QuickMirrorConfig.builder(folder).defaultMode(MirrorMode.SYNC).build())
        .build());
    for (int client = 0; client < CLIENTS; client++) {
      clients.add(clientSession());
    }
  }

  @AfterAll
  static void stop() {
    clients.forEach(CqlSession::close);
    if (proxy != null) {
      proxy.close();
    }
    if (source != null) {
      source.close();
    }
  }

  @Test
  void should_move_client_traffic_to_a_live_node_when_one_dies() {
    for (int client = 0; client < CLIENTS; client++) {
      insert(clients.get(client), client);
    }

    source.killNode(0);
    int failedAttempts = 0;
    for (int client = 0; client < CLIENTS; client++) {
      failedAttempts += insertWithRetries(clients.get(client), 100 + client);
    }

    assertThat(failedAttempts).as("attempts that failed while connections moved").isLessThan(CLIENTS * 5);
    try (CqlSession fresh = clientSession()) {
      insert(fresh, 200);
    }
    assertThat(clusters.executeOnTarget("SELECT k FROM %s.events").all()).extracting(row -> row.getInt(0))
        .contains(100, 101, 102, 103, 200);
  }

  private static int insertWithRetries(CqlSession client, int key) {
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        insert(client, key);
        return attempt;
      } catch (RuntimeException stillMoving) {
        sleep();
      }
    }
    insert(client, key);
    return 5;
  }

  private static void insert(CqlSession client, int key) {
    client.execute(SimpleStatement.newInstance("INSERT INTO " + clusters.keyspace() + ".events (k, v) VALUES (?, ?)",
        key, "v" + key).setIdempotent(true));
  }

  private static CqlSession clientSession() {
    return CqlSession.builder().addContactPoint(proxy.address())
        .withLocalDatacenter(EmbeddedCassandraCluster.DATACENTER).build();
  }

  private static void sleep() {
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
