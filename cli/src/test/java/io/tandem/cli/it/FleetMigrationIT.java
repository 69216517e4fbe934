package io.tandem.cli.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.cli.CliRun;
import io.tandem.cli.ExitCodes;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.api.control.InstanceKind;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.InstanceStatus;
import io.tandem.core.api.control.ValidationSummary;
import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationState;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.EmbeddedCassandraCluster;
import io.tandem.testkit.TandemClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control plane driving a fleet on the real clusters: two proxies and two {@code DualWriteCqlSession}s follow
 * one migration kept on a third cluster (127.0.0.3) while an application writes and reads through all four; an
 * operator moves it with {@code tandem migrate}, copies and validates with {@code tandem copy|validate
 * --migration}.
 */
@TandemClusters
class FleetMigrationIT {

  /** Half the default: each step must still reach every instance within the default's 2 s. */
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  private static final Duration APPLIED_WITHIN = Duration.ofSeconds(2);
  private static final String CONTROL_ADDRESS = "127.0.0.3";

  private static EmbeddedCassandraCluster controlCluster;
  private static CqlSession controlSession;

  @TempDir Path work;
  private ClusterPair clusters;
  private String id;
  private MigrationCoordinator coordinator;
  private ControlStore store;
  private Fleet fleet;
  private Workload workload;

  @BeforeAll
  static void startControlCluster() {
    controlCluster = EmbeddedCassandraCluster.builder().withClusterName("control").withFirstAddress(CONTROL_ADDRESS)
        .withHeap("512m").build().start();
    controlSession = controlCluster.testSessionBuilder(Duration.ofSeconds(2)).build();
  }

  @AfterAll
  static void stopControlCluster() {
    if (controlSession != null) {
      controlSession.close();
    }
    if (controlCluster != null) {
      controlCluster.close();
    }
  }

  @BeforeEach
  void createTable(ClusterPair clusters) {
    this.clusters = clusters;
    controlCluster.resume();
    id = "fleet-" + UUID.randomUUID().toString().substring(0, 8);
    ControlConfig config = control();
    store = ControlStore.cassandra(controlSession, config);
    coordinator = MigrationCoordinator.create(store, config, Clock.systemUTC());
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.fleet");
    clusters.executeOnBoth("CREATE TABLE %s.fleet (k int PRIMARY KEY, v text)");
  }

  @AfterEach
  void stopFleet() throws InterruptedException {
    controlCluster.resume();
    if (workload != null) {
      workload.close();
    }
    if (fleet != null) {
      fleet.close();
    }
    store.close();
  }

  @Test
  void should_move_two_proxies_and_two_sessions_through_every_phase_and_back_under_load() throws Exception {
    writeHistory(300);
    assertThat(tandem("migrate", "create", id).exitCode()).isZero();
    startFleet(2, 2);

    step("advance", Phase.DUAL_WRITE);
    CliRun early = tandem("migrate", "advance", id);
    assertThat(early.exitCode()).as(early.out()).isEqualTo(ExitCodes.REFUSED);
    assertThat(early.all()).contains("FAIL copy-finished");
    assertThat(tandem(sourceToTarget("copy", "--checkpoint-dir", folder("copy"), "--migration", id)).exitCode())
        .isZero();
    step("advance", Phase.HISTORY_COPIED);
    assertThat(tandem(sourceToTarget("validate", "--report-dir", folder("validation"), "--migration", id)).exitCode())
        .isZero();
    step("advance", Phase.VALIDATED);
    step("advance", Phase.READS_ON_TARGET);
    step("advance", Phase.TARGET_PRIMARY);

    assertThat(restartProxyAndSession()).as("states of the restarted proxy and session")
        .containsOnly(Phase.TARGET_PRIMARY.applyTo(MigrationState.initial(MirrorMode.SYNC)));

    step("advance", Phase.TARGET_ONLY);
    step("advance", Phase.DONE);
    step("rollback", Phase.TARGET_ONLY);
    CliRun unsafe = tandem("migrate", "rollback", id);
    assertThat(unsafe.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unsafe.err()).contains("copied target → source first").contains("tandem copy");
    assertThat(tandem(targetToSource("copy", "--checkpoint-dir", folder("copy-back-1"))).exitCode()).isZero();
    step("rollback", Phase.TARGET_PRIMARY, "--force", "--reason", "copied back");
    assertThat(tandem(targetToSource("copy", "--checkpoint-dir", folder("copy-back-2"))).exitCode()).isZero();
    step("rollback", Phase.READS_ON_TARGET);
    step("rollback", Phase.VALIDATED);
    step("rollback", Phase.HISTORY_COPIED);
    step("rollback", Phase.DUAL_WRITE);

    workload.awaitMoreWrites(50, 30);
    workload.close();
    assertThat(workload.errors()).as("application errors, first ones: %s", workload.firstErrors()).isZero();
    assertThat(workload.written()).isGreaterThan(100);
    awaitNoFailedWrites();
    CliRun finalValidation = tandem(sourceToTarget("validate", "--report-dir", folder("final")));
    assertThat(finalValidation.exitCode()).as(finalValidation.all()).isZero();
    assertThat(coordinator.history(id)).extracting(change -> change.forced()).containsOnlyOnce(true);
  }

  @Test
  void should_keep_serving_while_the_control_cluster_is_frozen_and_catch_up_when_it_returns() throws Exception {
    assertThat(tandem("migrate", "create", id).exitCode()).isZero();
    startFleet(1, 1);
    step("advance", Phase.DUAL_WRITE);

    controlCluster.suspend();
    awaitStale(true);
    long before = workload.written();
    workload.awaitMoreWrites(100, 30);
    CliRun refused = tandem("migrate", "advance", id);
    assertThat(fleet.states()).containsOnly(Phase.DUAL_WRITE.applyTo(MigrationState.initial(MirrorMode.SYNC)));

    controlCluster.resume();
    awaitStale(false);
    assertThat(workload.written()).as("writes while the control cluster was frozen").isGreaterThan(before + 50);
    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
    assertThat(refused.err()).containsIgnoringCase("reach").contains("control store");
    assertThat(coordinator.status(id).migration().phase()).isEqualTo(Phase.DUAL_WRITE);
    CliRun copy = tandem(sourceToTarget("copy", "--checkpoint-dir", folder("copy"), "--migration", id));
    assertThat(copy.exitCode()).as(copy.err()).isZero();
    step("advance", Phase.HISTORY_COPIED);
    assertThat(workload.errors()).as("application errors, first ones: %s", workload.firstErrors()).isZero();
  }

  @Test
  void should_refuse_each_gate_for_its_reason_and_record_the_forced_step() {
    assertThat(tandem("migrate", "create", id).exitCode()).isZero();
    long current = coordinator.status(id).migration().version();
    Instant now = Instant.now();
    store.heartbeat(id, report("behind", current - 1, now, false, 0, 0, 0));
    store.heartbeat(id, report("silent", current, now.minusSeconds(60), false, 0, 0, 0));
    store.heartbeat(id, report("owing", current, now, false, 7, 0, 0));
    store.heartbeat(id, report("diverging", current, now, false, 0, 1_000, 50));
    store.recordCopyProgress(id, new CopyProgress(clusters.keyspace() + ".fleet", 3, 8, now));
    store.recordValidation(id, new ValidationSummary(clusters.keyspace() + ".fleet", now, now, 4, 0));

    CliRun intoDualWrite = tandem("migrate", "advance", id);
    assertThat(intoDualWrite.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(intoDualWrite.all()).contains("FAIL instances-acknowledged").contains("behind")
        .contains("FAIL no-stale-instances").contains("silent");
    assertThat(coordinator.status(id).migration().version()).isEqualTo(current);

    for (Phase phase : List.of(Phase.DUAL_WRITE, Phase.HISTORY_COPIED, Phase.VALIDATED, Phase.READS_ON_TARGET)) {
      CliRun refused = tandem("migrate", "advance", id);
      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.REFUSED);
      assertThat(refused.all()).contains(expectedFailure(phase));
      if (phase != Phase.DUAL_WRITE) {
        assertThat(refused.all()).contains("FAIL failed-writes-drained").contains("owing");
      }
      CliRun forced = tandem("migrate", "advance", id, "--force", "--reason", "gate test " + phase);
      assertThat(forced.exitCode()).as(forced.all()).isZero();
      store.heartbeat(id, report("behind", coordinator.status(id).migration().version() - 1, Instant.now(), false,
          0, 0, 0));
    }
    assertThat(coordinator.history(id)).filteredOn(change -> change.forced())
        .extracting(change -> change.to(), change -> change.reason())
        .containsExactly(
            tuple(Phase.DUAL_WRITE, "gate test DUAL_WRITE"), tuple(Phase.HISTORY_COPIED, "gate test HISTORY_COPIED"),
            tuple(Phase.VALIDATED, "gate test VALIDATED"), tuple(Phase.READS_ON_TARGET, "gate test READS_ON_TARGET"));
    assertThat(tandem("migrate", "history", id, "--json").out().replace(" ", "")).contains("\"forced\":true")
        .contains("gatetestVALIDATED");
  }

  @Test
  void should_refuse_bad_input_with_a_clear_error_and_change_nothing() {
    CliRun unknown = tandem("migrate", "status", "no-such-migration");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unknown.err()).contains("No migration 'no-such-migration'").contains("tandem migrate create");

    assertThat(tandem("migrate", "create", id).exitCode()).isZero();
    CliRun phase = tandem("migrate", "advance", id, "--to", "HALFWAY");
    assertThat(phase.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(phase.err()).contains("Unknown phase 'HALFWAY'").contains("SETUP -> DUAL_WRITE");
    CliRun skip = tandem("migrate", "advance", id, "--to", "VALIDATED", "--force", "--reason", "skip");
    assertThat(skip.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(skip.err()).contains("cannot skip from SETUP to VALIDATED: the next phase is DUAL_WRITE");
    assertThat(coordinator.status(id).migration().version()).isEqualTo(1);

    controlSession.execute("UPDATE " + ControlConfig.defaults().keyspace() + ".migrations SET phase = 'HALFWAY' "
        + "WHERE id = '" + id + "'");
    CliRun malformed = tandem("migrate", "advance", id);
    assertThat(malformed.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(malformed.err()).contains("'HALFWAY'").contains("phase").contains("Fix the row");
    controlSession.execute("UPDATE " + ControlConfig.defaults().keyspace() + ".migrations SET phase = 'SETUP' "
        + "WHERE id = '" + id + "'");
    assertThat(coordinator.status(id).migration().version()).isEqualTo(1);
    assertThat(coordinator.history(id)).hasSize(1);
  }

  @Test
  void should_let_exactly_one_of_two_concurrent_advances_win() throws Exception {
    assertThat(tandem("migrate", "create", id).exitCode()).isZero();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService operators = Executors.newFixedThreadPool(2);
    try {
      List<Future<CliRun>> results = new ArrayList<>();
      for (String who : List.of("alice", "bob")) {
        results.add(operators.submit(() -> {
          go.await();
          return tandem("migrate", "advance", id, "--to", "DUAL_WRITE", "--who", who);
        }));
      }
      go.countDown();
      List<CliRun> done = new ArrayList<>();
      for (Future<CliRun> result : results) {
        done.add(result.get(60, TimeUnit.SECONDS));
      }

      assertThat(done).extracting(CliRun::exitCode).containsExactlyInAnyOrder(ExitCodes.OK, ExitCodes.CONFLICT);
      assertThat(done).filteredOn(result -> result.exitCode() == ExitCodes.CONFLICT).singleElement()
          .satisfies(lost -> assertThat(lost.err()).containsIgnoringCase("someone else moved"));
      assertThat(coordinator.history(id)).hasSize(2);
      assertThat(coordinator.status(id).migration().phase()).isEqualTo(Phase.DUAL_WRITE);
    } finally {
      operators.shutdownNow();
    }
  }

  private static String expectedFailure(Phase into) {
    return switch (into) {
      case DUAL_WRITE -> "FAIL instances-acknowledged";
      case HISTORY_COPIED -> "FAIL copy-finished";
      case VALIDATED -> "FAIL validation-clean";
      case READS_ON_TARGET -> "FAIL shadow-reads-agree";
      default -> throw new IllegalArgumentException(into.name());
    };
  }

  private static InstanceReport report(String name, long applied, Instant at, boolean stale, long pending,
      long shadowReads, long shadowMismatches) {
    return new InstanceReport(name, InstanceKind.WRAPPER, "test-host", applied, at, stale, pending, 0, 0,
        shadowReads, shadowMismatches);
  }

  private void startFleet(int proxies, int sessions) {
    fleet = Fleet.start(clusters, controlSession, control(), proxies, sessions);
    workload = new Workload(clusters.keyspace() + ".fleet", fleet.size(), i -> fleet.clients().get(i));
    workload.start();
  }

  /**
   * {@code tandem migrate <verb> id [extra]} moves the migration to {@code expected}; every instance applies it
   * (heartbeats the new version) within {@link #APPLIED_WITHIN} and serves in that phase; the load goes on.
   */
  private void step(String verb, Phase expected, String... extra) throws InterruptedException {
    List<String> args = new ArrayList<>(List.of("migrate", verb, id));
    args.addAll(List.of(extra));
    CliRun result = tandem(args.toArray(String[]::new));
    assertThat(result.exitCode()).as("%s to %s: %s%s", verb, expected, result.out(), result.err()).isZero();
    long version = coordinator.status(id).migration().version();
    long started = System.nanoTime();
    while (!allAcknowledged(version) && System.nanoTime() - started < APPLIED_WITHIN.toNanos() * 3) {
      Thread.sleep(50);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(allAcknowledged(version)).as("every instance applied version %d", version).isTrue();
    assertThat(took).as("time for every instance to apply %s", expected).isLessThanOrEqualTo(APPLIED_WITHIN);
    assertThat(fleet.states()).containsOnly(expected.applyTo(MigrationState.initial(MirrorMode.SYNC)));
    workload.awaitMoreWrites(20, 30);
  }

  private boolean allAcknowledged(long version) {
    List<InstanceStatus> instances = coordinator.instances(id);
    return instances.size() == fleet.size()
        && instances.stream().allMatch(instance -> instance.report().appliedVersion() == version);
  }

  private List<MigrationState> restartProxyAndSession() throws InterruptedException {
    workload.pause(0);
    workload.pause(2);
    List<MigrationState> states = List.of(fleet.restartProxy(0), fleet.restartSession(0));
    workload.resume(0);
    workload.resume(2);
    return states;
  }

  private void awaitStale(boolean stale) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (fleet.staleInstances() != (stale ? fleet.size() : 0) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(fleet.staleInstances()).as("instances reporting stale").isEqualTo(stale ? fleet.size() : 0);
  }

  private void awaitNoFailedWrites() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (fleet.failedWritesPending() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(fleet.failedWritesPending()).as("failed writes pending").isZero();
  }

  private void writeHistory(int rows) {
    for (int k = -rows; k < 0; k++) {
      clusters.sourceSession().execute("INSERT INTO " + clusters.keyspace() + ".fleet (k, v) VALUES (" + k
          + ", 'history')");
    }
  }

  private ControlConfig control() {
    return ControlConfig.defaults().withMigrationId(id).withPollInterval(POLL_INTERVAL)
        .withStaleAfter(Duration.ofSeconds(5));
  }

  private String[] sourceToTarget(String command, String... extra) {
    return validatorArgs(command, clusters.source(), clusters.target(), extra);
  }

  private String[] targetToSource(String command, String... extra) {
    return validatorArgs(command, clusters.target(), clusters.source(), extra);
  }

  private String[] validatorArgs(String command, EmbeddedCassandraCluster from, EmbeddedCassandraCluster to,
      String... extra) {
    List<String> args = new ArrayList<>(List.of(command, "--source", address(from), "--target", address(to),
        "-k", clusters.keyspace(), "-t", "fleet", "--splits", "8"));
    args.addAll(List.of(extra));
    if (args.contains("--migration")) {
      args.addAll(List.of("--control", CONTROL_ADDRESS));
    }
    return args.toArray(String[]::new);
  }

  private static String address(EmbeddedCassandraCluster cluster) {
    return cluster.contactPoints().get(0).getHostString();
  }

  private String folder(String name) throws Exception {
    return Files.createDirectories(work.resolve(name)).toString();
  }

  /** Runs {@code tandem} in this JVM against the control cluster. */
  private static CliRun tandem(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if ("migrate".equals(args[0])) {
      all.addAll(List.of("--control", CONTROL_ADDRESS));
    }
    return CliRun.run(all.toArray(String[]::new));
  }
}
