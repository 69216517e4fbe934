package io.tandem.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.cli.CliRun;
import io.tandem.cli.ExitCodes;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.Phase;
import io.tandem.core.testing.QuickMirrorConfig;
import io.tandem.driver.api.DualWriteCqlSession;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.EmbeddedCassandraCluster;
import io.tandem.testkit.TandemClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole migration across versions, as an operator runs it with {@code tandem}: the control store on the
 * source (whatever its version), a {@link DualWriteCqlSession} following the migration, the copy of history, a
 * validation that finds what a lost mirror and a later source write left behind, the repair of both, a clean
 * validation, then every phase to {@link Phase#DONE} with one rollback from {@link Phase#TARGET_PRIMARY} on the way.
 * Each gate is checked for real; no step is forced.
 */
@TandemClusters
class CutoverAcrossVersionsIT {

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration APPLIED_WITHIN = Duration.ofSeconds(5);
  private static final long HISTORY_WRITETIME = 1_000L;

  @TempDir Path work;
  private ClusterPair clusters;
  private String table;
  private String id;
  private ControlStore store;
  private MigrationCoordinator coordinator;

  @BeforeEach
  void createTable(ClusterPair clusters) {
    this.clusters = clusters;
    this.table = clusters.keyspace() + ".cutover";
    this.id = "matrix-" + UUID.randomUUID().toString().substring(0, 8);
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS %s.cutover (k int PRIMARY KEY, v text)");
    for (int k = -100; k < 0; k++) {
      clusters.executeOnSource("INSERT INTO %s.cutover (k, v) VALUES (" + k + ", 'history') USING TIMESTAMP "
          + HISTORY_WRITETIME);
    }
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void should_copy_repair_validate_and_cut_over_through_every_phase_across_versions() throws Exception {
    assertOk(tandem("migrate", "create", id));
    store = ControlStore.cassandra(clusters.sourceSession(), ControlConfig.defaults());
    coordinator = MigrationCoordinator.create(store, ControlConfig.defaults(), Clock.systemUTC());
    try (DualWriteCqlSession session = followingSession()) {
      Writes writes = new Writes(session);
      writes.range(0, 10, "setup");
      step(session, "advance", Phase.DUAL_WRITE);
      writes.range(10, 20, "dual write");

      assertOk(tandem(validatorArgs("copy", "--checkpoint-dir", folder("copy"), "--migration", id)));
      step(session, "advance", Phase.HISTORY_COPIED);
      // what a lost mirror and a source write after the copy leave behind
      clusters.executeOnSource("INSERT INTO %s.cutover (k, v) VALUES (500, 'lost') USING TIMESTAMP 5000");
      clusters.executeOnSource("UPDATE %s.cutover USING TIMESTAMP 6000 SET v = 'newer' WHERE k = -1");
      CliRun dirty = tandem(validatorArgs("validate", "--report-dir", folder("dirty"), "--migration", id,
          "--recheck-delay", "PT0.1S"));
      assertThat(dirty.exitCode()).as(dirty.all()).isNotZero();
      CliRun refused = tandem("migrate", "advance", id);
      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.REFUSED);
      assertThat(refused.all()).contains("FAIL validation-clean");

      assertOk(tandem(validatorArgs("repair", "--ledger", work.resolve("dirty").resolve("mismatches.jsonl")
          .toString())));
      assertOk(tandem(validatorArgs("validate", "--report-dir", folder("clean"), "--migration", id,
          "--compare-writetimes", "--recheck-delay", "PT0.1S")));
      step(session, "advance", Phase.VALIDATED);
      step(session, "advance", Phase.READS_ON_TARGET);
      clusters.executeOnTarget("INSERT INTO %s.cutover (k, v) VALUES (900, 'only on the target')");
      assertThat(writes.read(900)).as("a read once reads moved").isEqualTo("only on the target");
      clusters.executeOnTarget("DELETE FROM %s.cutover WHERE k = 900");

      step(session, "advance", Phase.TARGET_PRIMARY);
      writes.range(20, 30, "target primary");
      step(session, "rollback", Phase.READS_ON_TARGET);
      writes.range(30, 40, "rolled back");
      step(session, "advance", Phase.TARGET_PRIMARY);
      step(session, "advance", Phase.TARGET_ONLY);
      step(session, "advance", Phase.DONE);
      writes.range(40, 50, "done");
    }

    IntPredicate untilTargetOnly = k -> k < 40 || k == 500;
    List<String> source = KeyValueRows.withWritetimes(clusters.sourceSession(), table, untilTargetOnly);
    assertThat(source).as("history, repaired rows and writes until TARGET_ONLY").hasSize(141)
        .contains("-1|newer|6000", "500|lost|5000", "-2|history|" + HISTORY_WRITETIME);
    assertThat(KeyValueRows.withWritetimes(clusters.targetSession(), table, untilTargetOnly))
        .as("the same values and write times on the target")
        .containsExactlyElementsOf(source);
    IntPredicate afterTargetOnly = k -> k >= 40 && k < 50;
    assertThat(KeyValueRows.withWritetimes(clusters.sourceSession(), table, afterTargetOnly))
        .as("on the source after TARGET_ONLY").isEmpty();
    assertThat(KeyValueRows.withWritetimes(clusters.targetSession(), table, afterTargetOnly)).hasSize(10);
    assertThat(coordinator.history(id)).extracting(change -> change.forced()).containsOnly(false);
  }

  /** {@code tandem migrate <verb> id} moves to {@code expected}, and the session applies it within the bound. */
  private void step(DualWriteCqlSession session, String verb, Phase expected) throws InterruptedException {
    assertOk(tandem("migrate", verb, id));
    long version = coordinator.status(id).migration().version();
    assertThat(coordinator.status(id).migration().phase()).isEqualTo(expected);
    long deadline = System.nanoTime() + APPLIED_WITHIN.toNanos();
    while (!acknowledged(version) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(acknowledged(version)).as("the session applied version %d (%s)", version, expected).isTrue();
    assertThat(session.migrationFollower().orElseThrow().applied().phase()).isEqualTo(expected);
  }

  private boolean acknowledged(long version) {
    return coordinator.instances(id).stream().anyMatch(instance -> instance.report().appliedVersion() == version);
  }

  private DualWriteCqlSession followingSession() {
    return DualWriteCqlSession.builder()
        .withSource(clusters.source().testSessionBuilder(Duration.ofSeconds(10)))
        .withTarget(clusters.target().testSessionBuilder(Duration.ofSeconds(10)))
        .withConfig(ConfigFactory.parseMap(Map.of("tandem.control.poll-interval", POLL.toMillis() + "ms"))
            .withFallback(ConfigFactory.load()))
        .withMirrorConfig(QuickMirrorConfig.builder(work.resolve("failed-writes")).build())
        .withMeterRegistry(new SimpleMeterRegistry())
        .withMigration(id)
        .build();
  }

  private String[] validatorArgs(String command, String... extra) {
    List<String> args = new ArrayList<>(List.of(command, "--source", address(clusters.source()),
        "--target", address(clusters.target())));
    if (!command.equals("repair")) {
      args.addAll(List.of("-k", clusters.keyspace(), "-t", "cutover", "--splits", "8"));
    }
    args.addAll(List.of(extra));
    if (args.contains("--migration")) {
      args.addAll(List.of("--control", address(clusters.source())));
    }
    return args.toArray(String[]::new);
  }

  private static String address(EmbeddedCassandraCluster cluster) {
    return cluster.contactPoints().get(0).getHostString();
  }

  private String folder(String name) throws Exception {
    return Files.createDirectories(work.resolve(name)).toString();
  }

  /** Runs {@code tandem} in this JVM; {@code migrate} commands reach the control store on the source. */
  private CliRun tandem(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if ("migrate".equals(args[0])) {
      all.addAll(List.of("--control", address(clusters.source())));
    }
    return CliRun.run(all.toArray(String[]::new));
  }

  private static void assertOk(CliRun result) {
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
  }

  /** The application: prepared writes and reads through the following session. */
  private final class Writes {
    private final DualWriteCqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement select;

    Writes(DualWriteCqlSession session) {
      this.session = session;
      this.insert = session.prepare("INSERT INTO " + table + " (k, v) VALUES (?, ?)");
      this.select = session.prepare("SELECT v FROM " + table + " WHERE k = ?");
    }

    void range(int from, int to, String value) {
      for (int k = from; k < to; k++) {
        session.execute(insert.bind(k, value));
      }
    }

    String read(int k) {
      Row row = session.execute(select.bind(k)).one();
      return row == null ? null : row.getString(0);
    }
  }
}
