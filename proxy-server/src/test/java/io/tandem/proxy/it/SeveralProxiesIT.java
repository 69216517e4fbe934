package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import io.micrometer.core.instrument.Counter;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two proxy instances listed in each other's topology: a driver given one of them finds the other in {@code
 * system.peers_v2}, sees the two as the whole cluster, each owning half of the ring, and spreads its token-aware
 * writes over both; it never learns a real node.
 */
@TandemClusters
class SeveralProxiesIT {

  private static final int WRITES = 100;

  @Test
  void should_show_drivers_every_proxy_and_none_of_the_nodes(ClusterPair clusters) throws IOException {
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS %s.spread (k int PRIMARY KEY, v text)");
    List<InetSocketAddress> instances = freeAddresses(2);
    try (ProxyFixture first = ProxyFixture.start(clusters, MirrorMode.SYNC,
            config -> config.listenAddress(instances.get(0)).topologyAddresses(instances));
        ProxyFixture second = ProxyFixture.start(clusters, MirrorMode.SYNC,
            config -> config.listenAddress(instances.get(1)).topologyAddresses(instances));
        CqlSession client = first.clientSession()) {
      assertThat(client.getMetadata().getNodes().values()).extracting(Node::getEndPoint)
          .extracting(endPoint -> (InetSocketAddress) endPoint.resolve())
          .containsExactlyInAnyOrderElementsOf(instances);

      PreparedStatement insert = client.prepare("INSERT INTO " + clusters.keyspace() + ".spread (k, v) VALUES (?, ?)");
      for (int k = 0; k < WRITES; k++) {
        client.execute(insert.bind(k, "spread"));
      }

      assertThat(writesThrough(first)).as("writes through the first proxy").isPositive();
      assertThat(writesThrough(second)).as("writes through the second proxy").isPositive();
      assertThat(writesThrough(first) + writesThrough(second)).isEqualTo(WRITES);
    }
    assertThat(clusters.executeOnTarget("SELECT count(*) FROM %s.spread").one().getLong(0)).isEqualTo(WRITES);
  }

  private static double writesThrough(ProxyFixture proxy) {
    Counter writes = proxy.meters().find("tandem.proxy.requests")
        .tag("route", "write").counter();
    return writes == null ? 0 : writes.count();
  }

  /** Free ports of 127.0.0.1, known before the proxies start because each lists both. */
  private static List<InetSocketAddress> freeAddresses(int count) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<InetSocketAddress> addresses = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
        held.add(socket);
        addresses.add(new InetSocketAddress("127.0.0.1", socket.getLocalPort()));
      }
      return addresses;
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
  }
}
