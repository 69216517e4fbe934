package io.tandem.driver.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.Side;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.control.StepRequest;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.driver.api.DualWriteCqlSession;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session built with {@code withMigration(id)} serves in the stored phase from its first request, follows each
 * change an operator makes through the coordinator within twice the poll interval, and comes back in the stored
 * phase after a restart. The store lives on the source, in a keyspace of its own.
 *
 * <p>Written against the control-plane API while {@code CassandraControlStore} and the coordinator were being
 * implemented on other branches: in branch {@code follow} it compiles but cannot run.
 */
@TandemClusters
class FollowedMigrationIT {

  private static final String KEYSPACE = "tandem_control_it";
  private static final Duration POLL = Duration.ofSeconds(1);

  @TempDir Path logDirectory;
  private ClusterPair clusters;
  private ControlStore store;
  private MigrationCoordinator coordinator;
  private String id;
  private DualWriteCqlSession session;

  @BeforeEach
  void createMigration(ClusterPair clusters) {
    this.clusters = clusters;
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.followed");
    clusters.executeOnBoth("CREATE TABLE %s.followed (k int PRIMARY KEY, v text)");
    clusters.executeOnSource("INSERT INTO %s.followed (k, v) VALUES (1, 'on source')");
    clusters.executeOnTarget("INSERT INTO %s.followed (k, v) VALUES (1, 'on target')");
    ControlConfig config = ControlConfig.defaults().withKeyspace(KEYSPACE).withPollInterval(POLL);
    store = ControlStore.cassandra(clusters.sourceSession(), config);
    coordinator = MigrationCoordinator.create(store, config, Clock.systemUTC());
    id = "followed-" + UUID.randomUUID().toString().substring(0, 8);
    coordinator.create(id, MirrorMode.SYNC, Map.of(), "test");
  }

  @AfterEach
  void close() {
    if (session != null) {
      session.close();
    }
    store.close();
  }

  private DualWriteCqlSession build(String migrationId) {
    Config settings = ConfigFactory.parseMap(Map.of(
        "tandem.control.keyspace", KEYSPACE,
        "tandem.control.poll-interval", POLL.toMillis() + " ms"));
    return DualWriteCqlSession.builder()
        .withSource(clusters.source().testSessionBuilder(Duration.ofSeconds(10)))
        .withTarget(clusters.target().testSessionBuilder(Duration.ofSeconds(10)))
        .withConfig(settings)
        .withMirrorConfig(DualSessionFixture.quickConfig(logDirectory).build())
        .withMeterRegistry(new SimpleMeterRegistry())
        .withMigration(migrationId)
        .build();
  }

  private MigrationRecord advanceTo(Phase phase) {
    MigrationRecord current = store.load(id).orElseThrow();
    while (current.phase() != phase) {
      current = coordinator.advance(id, StepRequest.by("test", "it").forced("test"));
    }
    return current;
  }

  private String readRow() {
    return session.execute("SELECT v FROM " + clusters.keyspace() + ".followed WHERE k = 1").one().getString("v");
  }

  @Test
  void should_serve_in_the_stored_phase_from_the_first_request() {
    advanceTo(Phase.READS_ON_TARGET);

    session = build(id);

    assertThat(readRow()).isEqualTo("on target");
    assertThat(session.migrationFollower()).hasValueSatisfying(follower -> {
      assertThat(follower.applied().phase()).isEqualTo(Phase.READS_ON_TARGET);
      assertThat(follower.stale()).isFalse();
    });
    assertThat(store.instances(id)).singleElement()
        .satisfies(report -> assertThat(report.appliedVersion()).isEqualTo(store.load(id).orElseThrow().version()));
  }

  @Test
  void should_apply_a_change_made_through_the_coordinator_within_twice_the_poll_interval()
      throws InterruptedException {
    advanceTo(Phase.VALIDATED);
    session = build(id);
    assertThat(readRow()).isEqualTo("on source");
    CountDownLatch applied = new CountDownLatch(1);
    session.migration().addListener((previous, current) -> applied.countDown());

    long started = System.nanoTime();
    advanceTo(Phase.READS_ON_TARGET);

    assertThat(applied.await(10, TimeUnit.SECONDS)).as("change applied").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThanOrEqualTo(POLL.multipliedBy(2));
    assertThat(readRow()).isEqualTo("on target");
  }

  @Test
  void should_come_back_in_target_primary_after_a_restart() {
    advanceTo(Phase.TARGET_PRIMARY);
    session = build(id);
    String firstInstance = session.migrationFollower().orElseThrow().instanceId();

    session.close();
    session = build(id);

    assertThat(session.migration().state().primary()).isEqualTo(Side.TARGET);
    assertThat(session.migration().state().readSide()).isEqualTo(Side.TARGET);
    assertThat(session.migrationFollower().orElseThrow().applied().phase()).isEqualTo(Phase.TARGET_PRIMARY);
    assertThat(store.instances(id)).as("the closed session deregistered")
        .noneMatch(report -> report.instanceId().equals(firstInstance));
  }

  @Test
  void should_refuse_to_build_for_an_unknown_migration() {
    assertThatThrownBy(() -> build("no-such-migration"))
        .isInstanceOfSatisfying(MigrationException.class,
            e -> assertThat(e.reason()).isEqualTo(MigrationException.Reason.UNKNOWN_MIGRATION))
        .hasMessageContaining("tandem migrate create no-such-migration");
  }
}
