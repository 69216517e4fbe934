package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.api.TandemProxy;
import io.tandem.testkit.ClusterLifecycle;
import io.tandem.testkit.EmbeddedCassandraCluster;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both clusters require authentication and the proxy is given no credentials for either (how Azure's
 * cassandra-proxy is often run): it logs in to each with the credentials every client presents, for the
 * forwarded connections and for the sessions the mirror writes through, one per user. A user the target
 * refuses has its writes kept in the failed-write log, applied once the target accepts the login. Given a target
 * user, a proxy logs clients in to the source with their own credentials and mirrors as that user.
 */
class ClientCredentialsThroughProxyIT {

  private static final String KEYSPACE = "client_credentials";
  private static EmbeddedCassandraCluster source;
  private static EmbeddedCassandraCluster target;
  private static TandemProxy proxy;

  @BeforeAll
  static void start() {
    source = authenticatingCluster("credentials-source", "127.0.0.8");
    target = authenticatingCluster("credentials-target", "127.0.0.9");
    ClusterLifecycle.startInParallel(source, target);
    for (EmbeddedCassandraCluster cluster : new EmbeddedCassandraCluster[] {source, target}) {
      try (CqlSession admin = cluster.testSessionBuilder(Duration.ofSeconds(20)).build()) {
        admin.execute("CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
        admin.execute("CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".orders (k int PRIMARY KEY, v text)");
        createUser(admin, "app_user", "app-secret");
        // the second user's password differs on the target until the test aligns it
        createUser(admin, "late_user", cluster == source ? "late-secret" : "other-secret");
        // a user only the source knows, and the target's own migration user
        createUser(admin, cluster == source ? "source_user" : "migrator", "own-secret");
      }
    }
    proxy = TandemProxy.start(ProxyConfig.builder(ProxyFixture.endpoint("source", source),
            ProxyFixture.endpoint("target", target))
        .listenAddress(new InetSocketAddress("127.0.0.1", 0))
        .adminAddress(null)
        .eventLoopThreads(2)
        .mirror(ProxyFixture.quickMirror(MirrorMode.SYNC).build())
        .build());
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    ClusterLifecycle.closeInParallel(source, target);
  }

  @Test
  void should_mirror_writes_with_the_credentials_the_client_presented() throws Exception {
    try (CqlSession client = clientAs("app_user", "app-secret")) {
      for (int k = 0; k < 20; k++) {
        client.execute("INSERT INTO " + KEYSPACE + ".orders (k, v) VALUES (" + k + ", 'order " + k + "')");
      }
      assertThat(client.execute("SELECT v FROM " + KEYSPACE + ".orders WHERE k = 3").one().getString(0))
          .isEqualTo("order 3");
    }
    // on a slow machine the first writes may not wait for the user's session to open: they are replayed
    replayUntilNothingPending();

    assertThat(rows(target, 0, 20)).isEqualTo(rows(source, 0, 20)).hasSize(20)
        .allMatch(row -> row.contains("|order "));
    assertThat(proxy.engine().failedWrites().pendingCount()).isZero();
  }

  @Test
  void should_show_the_source_cluster_name_to_clients_when_the_target_answers_first() {
    // no session of the proxy's own knows the source's name: it asks the source before showing the target's answer
    TandemProxy readingTarget = TandemProxy.start(ProxyConfig.builder(ProxyFixture.endpoint("source", source),
            ProxyFixture.endpoint("target", target))
        .listenAddress(new InetSocketAddress("127.0.0.1", 0))
        .adminAddress(null)
        .mirror(ProxyFixture.quickMirror(MirrorMode.SYNC).build())
        .build());
    try (readingTarget) {
      readingTarget.control().routeReadsTo(Side.TARGET);
      try (CqlSession client = clientAs(readingTarget, "app_user", "app-secret")) {
        assertThat(client.getMetadata().getClusterName()).contains(source.clusterName());
        assertThat(client.execute("SELECT cluster_name FROM system.local").one().getString(0))
            .isEqualTo(source.clusterName());
      }
    }
  }

  @Test
  void should_keep_writes_of_a_user_the_target_refuses_and_apply_them_once_it_accepts() throws Exception {
    try (CqlSession client = clientAs("late_user", "late-secret")) {
      for (int k = 100; k < 110; k++) {
        client.execute("INSERT INTO " + KEYSPACE + ".orders (k, v) VALUES (" + k + ", 'late " + k + "')");
      }
    }
    assertThat(proxy.engine().failedWrites().pendingCount()).isEqualTo(10);
    assertThat(rows(target, 100, 110)).isEmpty();

    try (CqlSession admin = target.testSessionBuilder(Duration.ofSeconds(20)).build()) {
      admin.execute("ALTER ROLE late_user WITH PASSWORD = 'late-secret'");
    }
    // the refused session is opened again with the credentials held in memory, at most every 10 s
    replayUntilNothingPending();

    assertThat(proxy.engine().failedWrites().pendingCount()).isZero();
    assertThat(rows(target, 100, 110)).isEqualTo(rows(source, 100, 110)).hasSize(10)
        .allMatch(row -> row.contains("|late "));
  }

  @Test
  void should_log_clients_in_to_the_source_and_mirror_as_the_target_user_it_was_given() {
    try (TandemProxy withTargetUser = TandemProxy.start(ProxyConfig.builder(ProxyFixture.endpoint("source", source),
            ProxyFixture.endpoint("target", target).withCredentials("migrator", "own-secret"))
        .listenAddress(new InetSocketAddress("127.0.0.1", 0))
        .adminAddress(null)
        .mirror(ProxyFixture.quickMirror(MirrorMode.SYNC).build())
        .build());
        CqlSession client = clientAs(withTargetUser, "source_user", "own-secret")) {
      for (int k = 200; k < 210; k++) {
        client.execute("INSERT INTO " + KEYSPACE + ".orders (k, v) VALUES (" + k + ", 'as migrator " + k + "')");
      }

      assertThat(withTargetUser.engine().failedWrites().pendingCount()).as("no copy waits for a login").isZero();
    }
    assertThat(rows(target, 200, 210)).isEqualTo(rows(source, 200, 210)).hasSize(10);
  }

  private static void replayUntilNothingPending() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (proxy.engine().failedWrites().pendingCount() > 0 && System.nanoTime() < deadline) {
      proxy.engine().replayNow().toCompletableFuture().join();
      Thread.sleep(500);
    }
  }

  private static EmbeddedCassandraCluster authenticatingCluster(String name, String address) {
    return EmbeddedCassandraCluster.builder().withClusterName(name).withFirstAddress(address).withHeap("512m")
        .withPasswordAuthentication().build();
  }

  private static void createUser(CqlSession admin, String user, String password) {
    admin.execute("CREATE ROLE IF NOT EXISTS " + user + " WITH PASSWORD = '" + password + "' AND LOGIN = true");
    admin.execute("GRANT ALL PERMISSIONS ON KEYSPACE " + KEYSPACE + " TO " + user);
  }

  /** A client with a generous timeout: the clusters here were just started next to the shared ones. */
  private static CqlSession clientAs(String user, String password) {
    return clientAs(proxy, user, password);
  }

  private static CqlSession clientAs(TandemProxy through, String user, String password) {
    return CqlSession.builder().addContactPoint(through.address())
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20)).build())
        .withLocalDatacenter(EmbeddedCassandraCluster.DATACENTER)
        .withAuthCredentials(user, password)
        .build();
  }

  /** "key|value|writetime" of the rows with keys in [from, to), read as the superuser. */
  private static List<String> rows(EmbeddedCassandraCluster cluster, int from, int to) {
    List<String> rows = new ArrayList<>();
    try (CqlSession session = cluster.testSessionBuilder(Duration.ofSeconds(20)).build()) {
      for (int key = from; key < to; key++) {
        Row row = session.execute("SELECT v, WRITETIME(v) FROM " + KEYSPACE + ".orders WHERE k = " + key).one();
        if (row != null) {
          rows.add(key + "|" + row.getString(0) + "|" + row.getLong(1));
        }
      }
    }
    return rows;
  }
}
