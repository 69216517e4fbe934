package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.testing.QuickMirrorConfig;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.api.TandemProxy;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.EmbeddedCassandraCluster;
import io.tandem.testkit.SelfSignedKeystore;
import io.tandem.testkit.TandemClusters;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A target that needs TLS (certificate and hostname verified against a truststore) and its own user, a
 * proxy that speaks TLS to clients, and the admin endpoint: the client never learns the target's credentials.
 */
@TandemClusters
class SecuredProxyIT {

  private static final String TARGET_ADDRESS = "127.0.0.9";
  private static EmbeddedCassandraCluster securedTarget;
  private static SelfSignedKeystore clientFacing;
  private static TandemProxy proxy;
  private static ClusterPair clusters;

  @BeforeAll
  static void start(ClusterPair pair, @org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
    clusters = pair;
    Path work = Path.of(System.getProperty("tandem.testkit.workDirectory", "target/cassandra"));
    SelfSignedKeystore targetKeystore = SelfSignedKeystore.create(work.resolve("proxy-target.p12"), "changeit",
        List.of(TARGET_ADDRESS));
    clientFacing = SelfSignedKeystore.create(work.resolve("proxy-clients.p12"), "changeit", List.of("127.0.0.1"));
    securedTarget = EmbeddedCassandraCluster.builder().withClusterName("secured-target")
        .withFirstAddress(TARGET_ADDRESS).withHeap("768m").withPasswordAuthentication()
        .withClientTls(targetKeystore).build().start();
    try (CqlSession admin = securedTarget.testSessionBuilder(Duration.ofSeconds(20)).build()) {
      admin.execute("CREATE ROLE IF NOT EXISTS migrator WITH PASSWORD = 'm1grat0r' AND LOGIN = true "
          + "AND SUPERUSER = true");
      admin.execute("CREATE KEYSPACE IF NOT EXISTS " + clusters.keyspace()
          + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
      admin.execute("CREATE TABLE IF NOT EXISTS " + clusters.keyspace() + ".secured (k int PRIMARY KEY, v text)");
    }
    clusters.executeOnSource("CREATE TABLE IF NOT EXISTS %s.secured (k int PRIMARY KEY, v text)");
    ClusterEndpoint target = new ClusterEndpoint("target", securedTarget.contactPoints(), true, true,
        truststoreOf(targetKeystore, folder.resolve("target-trust.p12")), "changeit", "migrator", "m1grat0r", null);
    proxy = TandemProxy.start(ProxyConfig.builder(ProxyFixture.endpoint("source", clusters.source()), target)
        .listenAddress(new InetSocketAddress("127.0.0.1", 0))
        .adminAddress(new InetSocketAddress("127.0.0.1", 0))
        .clientTls(clientFacing.path(), clientFacing.password())
        .mirror(QuickMirrorConfig.builder(folder.resolve("log")).defaultMode(MirrorMode.SYNC).build())
        .build());
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (securedTarget != null) {
      securedTarget.close();
    }
  }

  @Test
  void should_mirror_to_a_tls_target_with_the_proxy_credentials_for_a_tls_client() {
    try (CqlSession client = tlsClient()) {
      client.execute("INSERT INTO " + clusters.keyspace() + ".secured (k, v) VALUES (1, 'secret')");
    }
    try (CqlSession target = securedTarget.testSessionBuilder(Duration.ofSeconds(20)).build()) {
      Row onTarget = target.execute("SELECT v, WRITETIME(v) FROM " + clusters.keyspace() + ".secured WHERE k = 1").one();
      Row onSource = clusters.executeOnSource("SELECT v, WRITETIME(v) FROM %s.secured WHERE k = 1").one();
      assertThat(onTarget.getString(0)).isEqualTo("secret");
      assertThat(onTarget.getLong(1)).isEqualTo(onSource.getLong(1));
    }
  }

  @Test
  void should_refuse_a_client_without_tls() {
    assertThatThrownBy(() -> CqlSession.builder().addContactPoint(proxy.address())
        .withLocalDatacenter(EmbeddedCassandraCluster.DATACENTER).build().close())
        .isInstanceOf(AllNodesFailedException.class);
  }

  @Test
  void should_serve_health_metrics_and_switch_reads_through_the_admin_endpoint() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + proxy.adminAddress().getPort();
    try (CqlSession client = tlsClient()) {
      client.execute("INSERT INTO " + clusters.keyspace() + ".secured (k, v) VALUES (2, 'both')");
      clusters.executeOnSource("UPDATE %s.secured SET v = 'source only' WHERE k = 2");

      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health/readiness")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).contains("tandem_proxy_requests_total");
      HttpResponse<String> switched = http.send(HttpRequest.newBuilder(URI.create(base + "/admin/read-side?side=target"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(switched.statusCode()).isEqualTo(200);
      assertThat(client.execute("SELECT v FROM " + clusters.keyspace() + ".secured WHERE k = 2").one().getString(0))
          .isEqualTo("both");
    } finally {
      proxy.control().routeReadsTo(io.tandem.core.api.Side.SOURCE);
    }
  }

  private static CqlSession tlsClient() {
    return CqlSession.builder().addContactPoint(proxy.address())
        .withLocalDatacenter(EmbeddedCassandraCluster.DATACENTER)
        .withSslContext(clientFacing.clientContext())
        .build();
  }

  /** A truststore holding only the node's certificate, as an operator would give with --target-truststore. */
  private static Path truststoreOf(SelfSignedKeystore keystore, Path file) throws Exception {
    KeyStore server = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore.path())) {
      server.load(in, keystore.password().toCharArray());
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("node", server.getCertificate(server.aliases().nextElement()));
    try (OutputStream out = Files.newOutputStream(file)) {
      trust.store(out, "changeit".toCharArray());
    }
    return file;
  }
}
