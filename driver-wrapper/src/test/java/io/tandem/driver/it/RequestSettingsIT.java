package io.tandem.driver.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.testing.QuickMirrorConfig;
import io.tandem.driver.api.DualWriteCqlSession;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application whose session's default profile sets consistency, serial consistency and timeout (as Spring
 * Boot's {@code spring.cassandra.request.*} do): the copies run with them on the target — plain, prepared and
 * conditional, live and replayed from the failed-write log — not with the target session's defaults.
 */
@TandemClusters
class RequestSettingsIT {

  private static final Duration APP_TIMEOUT = Duration.ofSeconds(7);
  /** The target session's own defaults differ in every setting: LOCAL_ONE, SERIAL, 10 s. */
  private static final Duration TARGET_TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path logDirectory;
  private ClusterPair clusters;
  private final TargetRequests targetRequests = new TargetRequests();

  @BeforeEach
  void setUp(ClusterPair clusters) {
    this.clusters = clusters;
  }

  @Test
  void should_run_plain_prepared_and_conditional_copies_with_the_application_session_defaults() {
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.settings");
    clusters.executeOnBoth("CREATE TABLE %s.settings (k int PRIMARY KEY, v text)");
    try (DualWriteCqlSession session = session()) {
      String table = clusters.keyspace() + ".settings";
      PreparedStatement insert = session.prepare("INSERT INTO " + table + " (k, v) VALUES (?, ?)");

      session.execute("INSERT INTO " + table + " (k, v) VALUES (1, 'simple')");
      session.execute(insert.bind(2, "prepared"));
      assertThat(session.execute("INSERT INTO " + table + " (k, v) VALUES (3, 'lwt') IF NOT EXISTS").wasApplied())
          .isTrue();

      List<TargetRequest> copies = targetRequests.await(table, 3);
      assertThat(copies).extracting(TargetRequest::query).anyMatch(query -> query.contains("'simple'"))
          .anyMatch(query -> query.contains("VALUES (?, ?)")).anyMatch(query -> query.contains("IF NOT EXISTS"));
      assertThat(copies).allSatisfy(RequestSettingsIT::assertApplicationSettings);
    }
  }

  @Test
  void should_replay_a_logged_copy_with_the_settings_it_was_made_with() {
    String table = clusters.keyspace() + ".settings_replay";
    // the target lacks the table: both copies fail and go to the failed-write log, on disk
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.settings_replay");
    clusters.executeOnSource("CREATE TABLE %s.settings_replay (k int PRIMARY KEY, v text)");
    try (DualWriteCqlSession session = session()) {
      session.execute("INSERT INTO " + table + " (k, v) VALUES (1, 'replayed')");
      session.execute("INSERT INTO " + table + " (k, v) VALUES (2, 'replayed lwt') IF NOT EXISTS");
      awaitLogged(session, 2);
    }
    clusters.executeOnTarget("CREATE TABLE %s.settings_replay (k int PRIMARY KEY, v text)");

    // a new process reads the log and replays it through its own target session
    try (DualWriteCqlSession session = session()) {
      session.engine().replayNow().toCompletableFuture().join();

      List<TargetRequest> replays = targetRequests.await(table, 2);
      assertThat(replays).extracting(TargetRequest::query).anyMatch(query -> query.contains("IF NOT EXISTS"));
      assertThat(replays).allSatisfy(RequestSettingsIT::assertApplicationSettings);
      assertThat(clusters.executeOnTarget("SELECT k FROM %s.settings_replay").all()).hasSize(2);
    }
  }

  private static void awaitLogged(DualWriteCqlSession session, long count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (session.engine().failedWrites().pendingCount() < count && System.nanoTime() < deadline) {
      DualSessionFixture.sleep(20);
    }
    assertThat(session.engine().failedWrites().pendingCount()).isEqualTo(count);
  }

  private static void assertApplicationSettings(TargetRequest request) {
    assertThat(request.consistency()).as("consistency of %s", request.query())
        .isEqualTo(DefaultConsistencyLevel.LOCAL_QUORUM);
    assertThat(request.serialConsistency()).as("serial consistency of %s", request.query())
        .isEqualTo(DefaultConsistencyLevel.LOCAL_SERIAL);
    assertThat(request.timeout()).as("timeout of %s", request.query()).isEqualTo(APP_TIMEOUT);
  }

  private DualWriteCqlSession session() {
    CqlSessionBuilder application = clusters.source().sessionBuilder().withConfigLoader(
        DriverConfigLoader.programmaticBuilder()
            .withString(DefaultDriverOption.REQUEST_CONSISTENCY, "LOCAL_QUORUM")
            .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, "LOCAL_SERIAL")
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, APP_TIMEOUT)
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
            .build());
    return DualWriteCqlSession.builder()
        .withSource(application)
        .withTarget(clusters.target().testSessionBuilder(TARGET_TIMEOUT).withRequestTracker(targetRequests))
        .withMirrorConfig(QuickMirrorConfig.builder(logDirectory).build())
        .withMeterRegistry(new SimpleMeterRegistry())
        .build();
  }

  /** A statement the target session ran, with the settings set on it (unset: the target's defaults). */
  record TargetRequest(String query, ConsistencyLevel consistency, ConsistencyLevel serialConsistency,
      Duration timeout) {}

  /** Records each statement the target session completed successfully. */
  static final class TargetRequests implements RequestTracker {
    private final List<TargetRequest> seen = new CopyOnWriteArrayList<>();

    @Override
    public void onSuccess(Request request, long latencyNanos, DriverExecutionProfile profile, Node node,
        String logPrefix) {
      if (request instanceof Statement<?> statement) {
        String query = statement instanceof BoundStatement bound
            ? bound.getPreparedStatement().getQuery()
            : statement instanceof SimpleStatement simple ? simple.getQuery() : statement.toString();
        seen.add(new TargetRequest(query, statement.getConsistencyLevel(), statement.getSerialConsistencyLevel(),
            statement.getTimeout()));
      }
    }

    /** The statements on {@code table}, once there are {@code count} of them. */
    List<TargetRequest> await(String table, int count) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (onTable(table).size() < count && System.nanoTime() < deadline) {
        DualSessionFixture.sleep(20);
      }
      assertThat(onTable(table)).hasSize(count);
      return onTable(table);
    }

    private List<TargetRequest> onTable(String table) {
      return seen.stream().filter(request -> request.query().contains(table + " ")).toList();
    }

    @Override
    public void close() {}
  }
}
