package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.core.api.Side;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationState;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.control.StepRequest;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.proxy.api.TandemProxy;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.EmbeddedCassandraCluster;
import io.tandem.testkit.TandemClusters;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A proxy started with {@code --migration} on the real clusters: it comes up in the stored phase, applies a
 * coordinator's step within 2 s (polling every second), comes back in TARGET_PRIMARY after a restart, and moves
 * the migration through {@code POST /migration/advance}. The control store is in {@code tandem_control} on the
 * source, as by default, except in the test of a store on a session given to the proxy.
 */
@TandemClusters
class FollowedMigrationProxyIT {

  private static final Duration APPLIED_WITHIN = Duration.ofSeconds(2);

  private final String id = "proxy-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final ControlConfig control = ControlConfig.defaults().withMigrationId(id)
      .withPollInterval(Duration.ofSeconds(1));
  private CqlSession session;
  private ControlStore store;
  private MigrationCoordinator coordinator;

  @BeforeEach
  void createMigration(ClusterPair clusters) {
    session = clusters.source().sessionBuilder().build();
    store = ControlStore.cassandra(session, control);
    coordinator = MigrationCoordinator.create(store, control, Clock.systemUTC());
    coordinator.create(id, MirrorMode.SYNC, Map.of(), "it");
  }

  @AfterEach
  void close() {
    store.close();
    session.close();
  }

  @Test
  void should_start_in_the_stored_phase_and_apply_each_step_within_2_seconds(ClusterPair clusters)
      throws Exception {
    moveTo(Phase.VALIDATED);

    try (ProxyFixture fixture = start(clusters)) {
      assertThat(fixture.proxy().control().state()).isEqualTo(expected(Phase.VALIDATED));

      CompletableFuture<MigrationState> readsMoved = whenState(fixture.proxy(), state -> state.readSide() == Side.TARGET);
      moveTo(Phase.READS_ON_TARGET);

      assertThat(readsMoved.get(APPLIED_WITHIN.toMillis(), TimeUnit.MILLISECONDS))
          .isEqualTo(expected(Phase.READS_ON_TARGET));
    }
  }

  @Test
  void should_show_clients_the_source_cluster_name_while_the_target_answers(ClusterPair clusters) {
    moveTo(Phase.READS_ON_TARGET);
    String sourceName = session.getMetadata().getClusterName().orElseThrow();

    try (ProxyFixture fixture = start(clusters); CqlSession client = fixture.clientSession()) {
      Row local = client.execute("SELECT cluster_name, data_center FROM system.local").one();

      assertThat(client.getMetadata().getClusterName()).contains(sourceName);
      assertThat(local.getString("cluster_name")).as("answered by the target, named as the source")
          .isEqualTo(sourceName);
      assertThat(local.getString("data_center")).isEqualTo(EmbeddedCassandraCluster.DATACENTER);
    }
  }

  @Test
  void should_come_back_in_target_primary_after_a_restart(ClusterPair clusters) {
    moveTo(Phase.TARGET_PRIMARY);
    try (ProxyFixture first = start(clusters)) {
      assertThat(first.proxy().control().state().primary()).isEqualTo(Side.TARGET);
    }

    try (ProxyFixture restarted = start(clusters)) {
      assertThat(restarted.proxy().control().state()).isEqualTo(expected(Phase.TARGET_PRIMARY));
    }
  }

  @Test
  void should_move_the_migration_through_the_admin_endpoint(ClusterPair clusters) throws Exception {
    moveTo(Phase.TARGET_PRIMARY);
    InetSocketAddress admin = new InetSocketAddress(clusters.source().contactPoints().get(0).getAddress(), 0);
    try (ProxyFixture fixture = ProxyFixture.start(clusters, MirrorMode.SYNC,
        config -> config.control(control).adminAddress(admin))) {
      CompletableFuture<MigrationState> mirroringStopped =
          whenState(fixture.proxy(), state -> !state.mirroring());

      HttpResponse<String> advanced = post(fixture.proxy().adminAddress(),
          "/migration/advance?to=target-only&force=true&reason=proxy+IT&who=it");
      HttpResponse<String> localChange = post(fixture.proxy().adminAddress(), "/admin/read-side?side=source");

      assertThat(advanced.statusCode()).as(advanced.body()).isEqualTo(200);
      assertThat(advanced.body()).contains("\"phase\":\"TARGET_ONLY\"");
      assertThat(coordinator.status(id).migration().phase()).isEqualTo(Phase.TARGET_ONLY);
      assertThat(mirroringStopped.get(APPLIED_WITHIN.toMillis(), TimeUnit.MILLISECONDS))
          .isEqualTo(expected(Phase.TARGET_ONLY));
      assertThat(localChange.statusCode()).isEqualTo(409);
    }
  }

  @Test
  void should_follow_a_migration_stored_on_the_session_given_and_leave_that_session_open(ClusterPair clusters)
      throws Exception {
    // the given session reaches the source, but the config names the target and another keyspace: only the
    // given session finds the migration
    ControlConfig elsewhere = onTarget(control.withKeyspace("tandem_control_given"));
    try (CqlSession given = clusters.source().sessionBuilder().build();
        ControlStore givenStore = ControlStore.cassandra(given, elsewhere)) {
      MigrationCoordinator givenCoordinator = MigrationCoordinator.create(givenStore, elsewhere, Clock.systemUTC());
      givenCoordinator.create(id, MirrorMode.SYNC, Map.of(), "it");
      givenCoordinator.advance(id, StepRequest.by("it", "").forced("proxy IT"));

      try (ProxyFixture fixture = ProxyFixture.start(clusters, MirrorMode.SYNC, config -> config.control(elsewhere),
          proxy -> proxy.withControlSession(given))) {
        Phase stored = givenCoordinator.status(id).migration().phase();
        assertThat(fixture.proxy().control().state()).isEqualTo(expected(stored));
        assertThat(givenCoordinator.status(id).instances()).isNotEmpty();
      }

      assertThat(given.isClosed()).isFalse();
      assertThat(givenCoordinator.status(id).migration().phase()).isNotNull();
    }
  }

  private static ControlConfig onTarget(ControlConfig config) {
    return new ControlConfig(config.migrationId(), config.keyspace(), config.replication(), Side.TARGET,
        config.pollInterval(), config.staleAfter(), config.forgetAfter(), config.maxShadowDivergence());
  }

  private ProxyFixture start(ClusterPair clusters) {
    return ProxyFixture.start(clusters, MirrorMode.SYNC, config -> config.control(control));
  }

  /** Forward one phase at a time, gates overridden: the copy and validation gates are not what is tested here. */
  private void moveTo(Phase phase) {
    Phase current = coordinator.status(id).migration().phase();
    while (current != phase) {
      current = coordinator.advance(id, StepRequest.by("it", "").forced("proxy IT")).phase();
    }
  }

  private static MigrationState expected(Phase phase) {
    return phase.applyTo(MigrationState.initial(MirrorMode.SYNC));
  }

  /** Completes with the first state of the proxy's control that matches. */
  private static CompletableFuture<MigrationState> whenState(TandemProxy proxy, Predicate<MigrationState> wanted) {
    CompletableFuture<MigrationState> reached = new CompletableFuture<>();
    proxy.control().addListener((previous, current) -> {
      if (wanted.test(current)) {
        reached.complete(current);
      }
    });
    return reached;
  }

  private static HttpResponse<String> post(InetSocketAddress admin, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + admin.getHostString() + ":"
            + admin.getPort() + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
