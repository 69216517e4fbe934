package io.tandem.core.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.InstanceKind;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationException.Reason;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.control.PhaseChange;
import io.tandem.core.api.control.ValidationSummary;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The control store on the source cluster. Tests share one keyspace, each with a migration id of its own, so the
 * keyspace's tables are created once; the two tests of keyspace creation use keyspaces of their own.
 */
@TandemClusters
class CassandraControlStoreIT {

  private static final AtomicInteger KEYSPACES = new AtomicInteger();
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final String SHARED_KEYSPACE = "control_it";
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

  private CqlSession session;
  private String keyspace;
  private ControlStore store;
  private final String id = "orders-" + IDS.incrementAndGet();

  @BeforeEach
  void openStore(ClusterPair clusters) {
    session = clusters.sourceSession();
    keyspace = SHARED_KEYSPACE;
    store = ControlStore.cassandra(session, ControlConfig.defaults().withKeyspace(keyspace));
  }

  @AfterEach
  void closeStore() {
    store.close();
    if (!keyspace.equals(SHARED_KEYSPACE)) {
      session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
    }
  }

  /** A keyspace of this test's own, not created yet, for the tests of keyspace creation. */
  private String newKeyspace() {
    keyspace = "control_it_" + KEYSPACES.incrementAndGet();
    session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
    return keyspace;
  }

  @Test
  void should_create_keyspace_and_tables_on_first_use() {
    store.close();
    store = ControlStore.cassandra(session, ControlConfig.defaults().withKeyspace(newKeyspace()));
    assertThat(session.refreshSchema().getKeyspace(keyspace)).isEmpty();

    assertThat(store.load(id)).isEmpty();

    KeyspaceMetadata created = session.refreshSchema().getKeyspace(keyspace).orElseThrow();
    assertThat(created.getReplication()).containsEntry("replication_factor", "1")
        .hasEntrySatisfying("class", strategy -> assertThat(strategy).endsWith("SimpleStrategy"));
    assertThat(created.getTables().keySet()).extracting(Object::toString)
        .containsExactlyInAnyOrder("migrations", "instances", "copy_progress", "validations");
  }

  @Test
  void should_create_keyspace_with_the_given_replication() {
    newKeyspace();
    String replication = "{'class': 'NetworkTopologyStrategy', 'datacenter1': 1}";
    ControlStore given = ControlStore.cassandra(session,
        ControlConfig.from(com.typesafe.config.ConfigFactory.parseMap(Map.of(
            "tandem.control.keyspace", keyspace, "tandem.control.replication", replication))));

    given.instances(id);

    KeyspaceMetadata created = session.refreshSchema().getKeyspace(keyspace).orElseThrow();
    assertThat(created.getReplication()).containsEntry("datacenter1", "1")
        .hasEntrySatisfying("class", strategy -> assertThat(strategy).endsWith("NetworkTopologyStrategy"));
    // the caller's session stays open
    given.close();
    assertThat(session.isClosed()).isFalse();
  }

  @Test
  void should_load_what_was_created() {
    MigrationRecord first = first(id);
    PhaseChange entry = new PhaseChange(1, null, Phase.SETUP, "alice", T0, "start", List.of(), false);

    store.create(first, entry);

    assertThat(store.load(id)).contains(first);
    assertThat(store.history(id)).containsExactly(entry);
    assertThat(store.load("other")).isEmpty();
  }

  @Test
  void should_change_and_keep_the_history_in_order() {
    MigrationRecord first = first(id);
    store.create(first, new PhaseChange(1, null, Phase.SETUP, "alice", T0, "", List.of(), false));
    MigrationRecord second = first.movedTo(Phase.DUAL_WRITE, T0.plusSeconds(60));
    PhaseChange forced = new PhaseChange(2, Phase.SETUP, Phase.DUAL_WRITE, "bob", T0.plusSeconds(60),
        "copy is known to be done", List.of(GateResult.pass("instances-acknowledged", "2 of 2: ok"),
            GateResult.fail("copy-finished", "3 of 4 ranges")), true);

    store.change(first, second, forced);

    assertThat(store.load(id)).contains(second);
    assertThat(store.history(id)).extracting(PhaseChange::version).containsExactly(1L, 2L);
    assertThat(store.history(id).get(1)).isEqualTo(forced);
  }

  @Test
  void should_let_exactly_one_of_two_concurrent_changes_win() throws Exception {
    MigrationRecord first = first(id);
    store.create(first, new PhaseChange(1, null, Phase.SETUP, "alice", T0, "", List.of(), false));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<Future<Reason>> outcomes = new ArrayList<>();
    try {
      for (String who : List.of("alice", "bob")) {
        outcomes.add(threads.submit(() -> {
          start.await();
          return changeAs(first, who);
        }));
      }
      start.countDown();
      List<Reason> reasons = new ArrayList<>();
      for (Future<Reason> outcome : outcomes) {
        reasons.add(outcome.get());
      }
      assertThat(reasons).containsExactlyInAnyOrder(null, Reason.CONCURRENT_CHANGE);
    } finally {
      threads.shutdownNow();
    }
    assertThat(store.load(id).orElseThrow().version()).isEqualTo(2);
    assertThat(store.history(id)).filteredOn(change -> change.version() == 2).hasSize(1);
  }

  @Test
  void should_refuse_a_change_of_an_old_version_saying_where_it_is_now() {
    MigrationRecord first = first(id);
    store.create(first, new PhaseChange(1, null, Phase.SETUP, "alice", T0, "", List.of(), false));
    changeAs(first, "alice");

    assertThatThrownBy(() -> store.change(first, first.movedTo(Phase.DUAL_WRITE, T0),
        new PhaseChange(2, Phase.SETUP, Phase.DUAL_WRITE, "bob", T0, "", List.of(), false)))
        .isInstanceOfSatisfying(MigrationException.class,
            refused -> assertThat(refused.reason()).isEqualTo(Reason.CONCURRENT_CHANGE))
        .hasMessageContaining("'" + id + "' was moved by someone else")
        .hasMessageContaining("version 2, phase DUAL_WRITE");
    assertThat(store.history(id)).extracting(PhaseChange::who).containsExactly("alice", "alice");
  }

  @Test
  void should_refuse_create_when_id_taken() {
    store.create(first(id), new PhaseChange(1, null, Phase.SETUP, "alice", T0, "", List.of(), false));

    assertThatThrownBy(() -> store.create(first(id),
        new PhaseChange(1, null, Phase.SETUP, "bob", T0, "", List.of(), false)))
        .isInstanceOfSatisfying(MigrationException.class,
            refused -> assertThat(refused.reason()).isEqualTo(Reason.ALREADY_EXISTS))
        .hasMessageContaining("'" + id + "' exists already");
    assertThat(store.history(id)).extracting(PhaseChange::who).containsExactly("alice");
  }

  @Test
  void should_report_malformed_state_naming_the_column() {
    store.create(first(id), new PhaseChange(1, null, Phase.SETUP, "alice", T0, "", List.of(), false));
    session.execute("UPDATE " + keyspace + ".migrations SET phase = 'HALFWAY' WHERE id = '" + id + "'");

    assertThatThrownBy(() -> store.load(id))
        .isInstanceOfSatisfying(MigrationException.class,
            malformed -> assertThat(malformed.reason()).isEqualTo(Reason.MALFORMED_STATE))
        .hasMessageContaining("'" + id + "'").hasMessageContaining("column phase")
        .hasMessageContaining("'HALFWAY'").hasMessageContaining("Fix the row in " + keyspace + ".migrations");
  }

  @Test
  void should_report_a_missing_version_as_malformed() {
    store.create(first(id), new PhaseChange(1, null, Phase.SETUP, "alice", T0, "", List.of(), false));
    session.execute("UPDATE " + keyspace + ".migrations SET current_version = null WHERE id = '" + id + "'");

    assertThatThrownBy(() -> store.load(id))
        .isInstanceOfSatisfying(MigrationException.class,
            malformed -> assertThat(malformed.reason()).isEqualTo(Reason.MALFORMED_STATE))
        .hasMessageContaining("column current_version").hasMessageContaining("holds null");
  }

  @Test
  void should_keep_heartbeats_and_deregister() {
    InstanceReport proxy = new InstanceReport("proxy-1", InstanceKind.PROXY, "10.0.0.1", 3, T0, false, 4, 1, 2,
        100, 1);
    InstanceReport wrapper = new InstanceReport("app-1", InstanceKind.WRAPPER, "10.0.0.2", 3, T0, true, 0, 0, 0,
        0, 0);
    store.heartbeat(id, proxy);
    store.heartbeat(id, wrapper);
    InstanceReport later = new InstanceReport("proxy-1", InstanceKind.PROXY, "10.0.0.1", 4, T0.plusSeconds(1),
        false, 0, 0, 2, 120, 1);
    store.heartbeat(id, later);

    assertThat(store.instances(id)).containsExactlyInAnyOrder(later, wrapper);
    assertThat(store.instances("another")).isEmpty();

    store.deregister(id, "proxy-1");

    assertThat(store.instances(id)).containsExactly(wrapper);
    assertThat(session.execute("SELECT TTL(host) FROM " + keyspace + ".instances").one().getInt(0))
        .isPositive();
  }

  @Test
  void should_record_copy_progress_and_validations() {
    store.recordCopyProgress(id, new CopyProgress("shop.orders", 3, 10, T0));
    CopyProgress done = new CopyProgress("shop.orders", 10, 10, T0.plusSeconds(30));
    store.recordCopyProgress(id, done);
    CopyProgress users = new CopyProgress("shop.users", 1, 10, T0);
    store.recordCopyProgress(id, users);
    ValidationSummary older = new ValidationSummary("shop.orders", T0, T0.plusSeconds(10), 2, 0);
    ValidationSummary newer = new ValidationSummary("shop.orders", T0.plusSeconds(20), T0.plusSeconds(30), 0, 0);
    ValidationSummary other = new ValidationSummary("shop.users", T0, T0.plusSeconds(5), 0, 1);
    store.recordValidation(id, older);
    store.recordValidation(id, newer);
    store.recordValidation(id, other);

    assertThat(store.copyProgress(id)).containsExactlyInAnyOrder(done, users);
    assertThat(store.validations(id)).containsExactly(newer, older, other);
    assertThat(store.copyProgress("another")).isEmpty();
  }

  private Reason changeAs(MigrationRecord current, String who) {
    Instant at = T0.plusSeconds(60);
    try {
      store.change(current, current.movedTo(Phase.DUAL_WRITE, at),
          new PhaseChange(current.version() + 1, current.phase(), Phase.DUAL_WRITE, who, at, "", List.of(), false));
      return null;
    } catch (MigrationException refused) {
      return refused.reason();
    }
  }

  private static MigrationRecord first(String id) {
    return new MigrationRecord(id, Phase.SETUP, MirrorMode.ASYNC,
        Map.of("shop", MirrorMode.SYNC, "shop.audit", MirrorMode.OFF), 1, T0, null);
  }
}
