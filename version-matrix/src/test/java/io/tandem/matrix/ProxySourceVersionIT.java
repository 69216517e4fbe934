package io.tandem.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tandem.core.api.mirror.LwtCopyMode;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.testing.QuickMirrorConfig;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.api.TandemProxy;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.EmbeddedCassandraCluster;
import io.tandem.testkit.TandemClusters;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy in front of a source of the version this test JVM runs ({@code tandem.testkit.source.version}) and a
 * target of another: a client negotiates the highest protocol version both clusters speak (v4 with a 3.11
 * source), and its simple, prepared, batched, LWT and (over v5) per-request keyspace writes reach both clusters
 * with equal values and write times, whether or not the clusters give the statement the same prepared id.
 */
@TandemClusters
class ProxySourceVersionIT {

  private static final Logger LOG = LoggerFactory.getLogger(ProxySourceVersionIT.class);

  @TempDir Path failedWrites;

  @Test
  void should_mirror_every_kind_of_write_through_the_proxy_across_versions(ClusterPair clusters) {
    String table = clusters.keyspace() + ".through_proxy";
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS %s.through_proxy (k int PRIMARY KEY, v text)");
    String insertText = "INSERT INTO " + table + " (k, v) VALUES (?, ?)";
    boolean idsDiffer = !preparedId(clusters.sourceSession(), insertText)
        .equals(preparedId(clusters.targetSession(), insertText));

    boolean perRequestKeyspace;
    try (TandemProxy proxy = TandemProxy.start(config(clusters)); CqlSession client = clientOf(proxy)) {
      assertThat(client.getContext().getProtocolVersion()).as("negotiated through the proxy")
          .isEqualTo(lowest(clusters.sourceSession(), clusters.targetSession()));
      // a per-request keyspace needs protocol v5, which both clusters speak unless one is 3.11
      perRequestKeyspace = client.getContext().getProtocolVersion().getCode() >= 5;
      client.execute("INSERT INTO " + table + " (k, v) VALUES (1, 'simple')");
      PreparedStatement insert = client.prepare(insertText);
      client.execute(insert.bind(2, "prepared"));
      client.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
          SimpleStatement.newInstance("INSERT INTO " + table + " (k, v) VALUES (3, 'batch')"),
          insert.bind(4, "batch")));
      assertThat(client.execute("INSERT INTO " + table + " (k, v) VALUES (5, 'lwt') IF NOT EXISTS").wasApplied())
          .isTrue();
      assertThat(client.execute("INSERT INTO " + table + " (k, v) VALUES (5, 'again') IF NOT EXISTS")
          .wasApplied()).isFalse();
      assertThat(client.execute("SELECT v FROM " + table + " WHERE k = 2").one().getString(0))
          .isEqualTo("prepared");
      if (perRequestKeyspace) {
        CqlIdentifier keyspace = CqlIdentifier.fromInternal(clusters.keyspace());
        client.execute(SimpleStatement.newInstance("INSERT INTO through_proxy (k, v) VALUES (6, 'keyspace')")
            .setKeyspace(keyspace));
        client.execute(client.prepare(SimpleStatement.newInstance("INSERT INTO through_proxy (k, v) VALUES (?, ?)")
            .setKeyspace(keyspace)).bind(7, "prepared in keyspace"));
      }
    }

    LOG.info("Through the proxy: source {} / target {}, prepared ids {}", clusters.source().version(),
        clusters.target().version(), idsDiffer ? "differ" : "are the same");
    List<String> source = KeyValueRows.withWritetimes(clusters.sourceSession(), table);
    assertThat(source).hasSize(perRequestKeyspace ? 7 : 5);
    assertThat(KeyValueRows.withWritetimes(clusters.targetSession(), table))
        .as("values and write times on the target")
        .containsExactlyElementsOf(source);
  }

  /**
   * A prepared {@code now()}: the proxy gives both clusters one value by running a rewritten text (the call as a
   * bind marker) under an id of its own, which it maps to the id each cluster gave that text; the client keeps
   * the id of its own text.
   */
  @Test
  void should_run_a_prepared_now_under_the_id_each_cluster_gave_its_rewritten_text(ClusterPair clusters) {
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS %s.events (k int PRIMARY KEY, id timeuuid)");
    String insertText = "INSERT INTO " + clusters.keyspace() + ".events (k, id) VALUES (?, now())";

    try (TandemProxy proxy = TandemProxy.start(config(clusters)); CqlSession client = clientOf(proxy)) {
      PreparedStatement insert = client.prepare(insertText);
      assertThat(insert.getId()).as("the client's id is its text's").isEqualTo(preparedId(clusters.sourceSession(),
          insertText));
      for (int k = 1; k <= 3; k++) {
        client.execute(insert.bind(k));
      }
    }

    String select = "SELECT k, id, WRITETIME(id) FROM " + clusters.keyspace() + ".events";
    List<String> source = new ArrayList<>();
    clusters.sourceSession().execute(select).forEach(row -> source.add(row.getFormattedContents()));
    List<String> target = new ArrayList<>();
    clusters.targetSession().execute(select).forEach(row -> target.add(row.getFormattedContents()));
    assertThat(source).hasSize(3);
    assertThat(target).as("one now() and one write time for both clusters").containsExactlyInAnyOrderElementsOf(source);
  }

  private ProxyConfig config(ClusterPair clusters) {
    return ProxyConfig.builder(endpoint("source", clusters.source()), endpoint("target", clusters.target()))
        .listenAddress(new InetSocketAddress("127.0.0.1", 0))
        .adminAddress(null)
        .eventLoopThreads(1)
        .mirror(QuickMirrorConfig.builder(failedWrites).defaultMode(MirrorMode.SYNC)
            .lwtCopy(LwtCopyMode.UNCONDITIONAL_AT_PRIMARY_WRITETIME).build())
        .build();
  }

  private static ClusterEndpoint endpoint(String name, EmbeddedCassandraCluster cluster) {
    return ClusterEndpoint.plain(name, cluster.contactPoints().get(0));
  }

  private static CqlSession clientOf(TandemProxy proxy) {
    return CqlSession.builder().addContactPoint(proxy.address())
        .withLocalDatacenter(EmbeddedCassandraCluster.DATACENTER)
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10)).build())
        .build();
  }

  private static ByteBuffer preparedId(CqlSession session, String text) {
    return session.prepare(text).getId();
  }

  private static ProtocolVersion lowest(CqlSession source, CqlSession target) {
    ProtocolVersion a = source.getContext().getProtocolVersion();
    ProtocolVersion b = target.getContext().getProtocolVersion();
    return a.getCode() <= b.getCode() ? a : b;
  }
}
