package io.tandem.rings;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.testing.QuickMirrorConfig;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.api.TandemProxy;
import io.tandem.testkit.EmbeddedCassandraCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy in front of the source ring (given one contact point) and the target: a client sees the proxy as the
 * whole cluster, never a real node, while the proxy's own session knows the three source nodes and spreads the
 * client's connections over them.
 */
@ExtendWith(RingExtension.class)
class ProxyTopologyRingIT {

  private static final String TABLE = "proxied";
  private static final String APPLICATION = "ring-proxy-client";
  private static final int WRITES = 30;
  /** With the control connection, one more connection than the ring has nodes: each node gets one. */
  private static final int CLIENT_POOL_SIZE = Ring.NODES;

  @TempDir Path failedWrites;

  @Test
  void should_show_clients_the_proxy_alone_while_it_uses_every_source_node(Ring ring) throws Exception {
    ring.createTable(TABLE, KeyValueRows.DEFINITION);
    try (TandemProxy proxy = startProxy(ring); CqlSession client = clientSession(proxy)) {
      assertThat(client.getMetadata().getNodes().values()).extracting(node -> node.getEndPoint().resolve())
          .containsExactly(proxy.address());
      assertThat(client.execute("SELECT peer FROM system.peers").all()).isEmpty();

      PreparedStatement insert = client.prepare("INSERT INTO " + Ring.KEYSPACE + "." + TABLE + " (k, v) VALUES (?, ?)");
      PreparedStatement select = client.prepare("SELECT v FROM " + Ring.KEYSPACE + "." + TABLE + " WHERE k = ?");
      for (int k = 0; k < WRITES; k++) {
        client.execute(insert.bind(k, "value " + k));
        assertThat(client.execute(select.bind(k)).one().getString("v")).isEqualTo("value " + k);
      }

      Await.until(Duration.ofSeconds(30), "the proxy's session to see 3 source nodes up",
          () -> readiness(proxy).path("details").path("source_nodes_up").asInt() == Ring.NODES);
      assertThat(readiness(proxy).path("details").path("target_nodes_up").asInt()).isEqualTo(1);
      for (Node node : ring.sourceSession().getMetadata().getNodes().values()) {
        assertThat(forwardedClientConnections(ring, node)).as("client connections forwarded to %s", node).isPositive();
      }
    }
    assertThat(KeyValueRows.withWritetimes(ring.targetSession(), TABLE)).hasSize(WRITES)
        .isEqualTo(KeyValueRows.withWritetimes(ring.sourceSession(), TABLE));
  }

  private TandemProxy startProxy(Ring ring) {
    ProxyConfig config = ProxyConfig.builder(
            ClusterEndpoint.plain("source", ring.source().contactPoints().get(0)),
            ClusterEndpoint.plain("target", ring.target().contactPoints().get(0)))
        .listenAddress(new InetSocketAddress("127.0.0.1", 0))
        .adminAddress(new InetSocketAddress("127.0.0.1", 0))
        .eventLoopThreads(2)
        .mirror(QuickMirrorConfig.builder(failedWrites).defaultMode(MirrorMode.SYNC).build())
        .build();
    return TandemProxy.builder(config).withMeterRegistry(new SimpleMeterRegistry()).start();
  }

  private static CqlSession clientSession(TandemProxy proxy) {
    return CqlSession.builder().addContactPoint(proxy.address())
        .withLocalDatacenter(EmbeddedCassandraCluster.DATACENTER)
        .withApplicationName(APPLICATION)
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Ring.REQUEST_TIMEOUT)
            .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, CLIENT_POOL_SIZE)
            .build())
        .build();
  }

  /** The connections on {@code node} that the proxy opened for the client (its STARTUP names the application). */
  private static long forwardedClientConnections(Ring ring, Node node) {
    SimpleStatement clients = SimpleStatement.newInstance("SELECT client_options FROM system_views.clients")
        .setNode(node);
    return ring.sourceSession().execute(clients).all().stream()
        .map((Row row) -> row.getMap("client_options", String.class, String.class))
        .filter(options -> options != null && APPLICATION.equals(options.get("APPLICATION_NAME")))
        .count();
  }

  private static JsonNode readiness(TandemProxy proxy) {
    URI uri = URI.create("http://127.0.0.1:" + proxy.adminAddress().getPort() + "/health/readiness");
    try {
      HttpResponse<String> response = HttpClient.newHttpClient()
          .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
      return new ObjectMapper().readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
