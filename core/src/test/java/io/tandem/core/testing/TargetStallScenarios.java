package io.tandem.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.testkit.ClusterPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The target frozen (SIGSTOP) under a steady load through a front door: in SYNC no caller waits much longer than
 * the secondary deadline, none fails, and after replay both clusters hold every write with the same write time.
 * A front door's test extends this and says how it starts ({@link #start}). The long runs are tagged
 * {@code soak}; the short ones run by default. Shipped in core's test jar.
 */
public abstract class TargetStallScenarios {

  /** The most copies in flight the front doors are configured with. */
  protected static final int MAX_IN_FLIGHT = 256;
  private static final int WRITES_PER_SECOND = 50;
  private static final Duration DEADLINE = MirrorConfig.builder().build().secondaryDeadline();
  /** Generous: a busy 2-core machine runs both clusters, the front door, the load and the test. */
  private static final Duration P99_MARGIN = Duration.ofMillis(1000);

  /** The clusters of the test, set before each test. */
  protected ClusterPair clusters;

  /** The front door under test, as the load and the checks see it; closing it stops it. */
  protected interface FrontDoor extends AutoCloseable {
    /** What the application writes through. */
    CqlSession session();

    MirrorEngine engine();

    MeterRegistry meters();

    /** Checks what the front door reports of the stall, e.g. its readiness; nothing by default. */
    default void assertReported(double deadlineExpiries) throws Exception {}

    @Override
    void close();
  }

  /** A front door in {@code mode}, at most {@link #MAX_IN_FLIGHT} copies in flight. */
  protected abstract FrontDoor start(MirrorMode mode) throws Exception;

  /** How the figures printed name the front door. */
  protected abstract String name();

  @BeforeEach
  void createStallTable(ClusterPair clusters) {
    this.clusters = clusters;
    clusters.ensureTargetRunning();
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.stall");
    clusters.executeOnBoth("CREATE TABLE %s.stall (k int PRIMARY KEY, v text)");
  }

  @AfterEach
  void thawTarget() {
    clusters.target().resume();
  }

  @Test
  void should_answer_sync_callers_within_the_deadline_while_the_target_is_frozen_briefly() throws Exception {
    frozenUnderSyncLoad(Duration.ofSeconds(6));
  }

  @Test
  @Tag("soak")
  void should_answer_sync_callers_within_the_deadline_while_the_target_is_frozen_for_25_s() throws Exception {
    frozenUnderSyncLoad(Duration.ofSeconds(25));
  }

  @ParameterizedTest
  @EnumSource(value = MirrorMode.class, names = {"SYNC", "ASYNC"})
  void should_serve_every_write_and_converge_while_the_target_flaps_briefly(MirrorMode mode) throws Exception {
    flappingUnderLoad(mode, Duration.ofSeconds(6));
  }

  @ParameterizedTest
  @EnumSource(value = MirrorMode.class, names = {"SYNC", "ASYNC"})
  @Tag("soak")
  void should_serve_every_write_and_converge_while_the_target_flaps_for_a_minute(MirrorMode mode) throws Exception {
    flappingUnderLoad(mode, Duration.ofSeconds(60));
  }

  private void frozenUnderSyncLoad(Duration stall) throws Exception {
    int sent;
    try (FrontDoor door = start(MirrorMode.SYNC);
        SteadyLoad load = SteadyLoad.start(door.session(), door.session().prepare(insert()), WRITES_PER_SECOND)) {
      Thread.sleep(1000); // a steady state before the stall
      long[] frozen = TargetFreezes.freeze(clusters.target(), stall);
      Thread.sleep(2000);
      assertThat(load.stop(Duration.ofSeconds(30))).as("every write answered").isTrue();
      SteadyLoad.Figures during = load.between(frozen[0], frozen[1]);
      System.out.printf("[stall, %s, SYNC] target frozen %d s, deadline %d ms: during the stall %s; overall %s;"
              + " deadline expiries %.0f%n", name(), stall.toSeconds(), DEADLINE.toMillis(), during, load.all(),
          expiries(door));
      assertThat(load.all().errors()).as("client errors").isZero();
      assertThat(during.p99Millis()).as("client p99 while frozen, ms")
          .isLessThanOrEqualTo((double) DEADLINE.plus(P99_MARGIN).toMillis());
      door.assertReported(expiries(door));
      sent = load.sent();
      awaitSettled(door);
    }
    assertConverged(sent);
  }

  private void flappingUnderLoad(MirrorMode mode, Duration total) throws Exception {
    int sent;
    try (FrontDoor door = start(mode);
        SteadyLoad load = SteadyLoad.start(door.session(), door.session().prepare(insert()), WRITES_PER_SECOND)) {
      long highestInFlight = TargetFreezes.flap(clusters.target(), total, Duration.ofMillis(1500),
          Duration.ofMillis(1500), () -> door.engine().health().copiesInFlight());
      assertThat(load.stop(Duration.ofSeconds(30))).as("every write answered").isTrue();
      System.out.printf("[flapping, %s, %s] %d s of 1.5 s frozen / 1.5 s thawed: %s; most copies in flight %d"
              + " (cap %d); deadline expiries %.0f; failed writes logged %.0f%n", name(), mode, total.toSeconds(),
          load.all(), highestInFlight, MAX_IN_FLIGHT, expiries(door),
          door.meters().get("tandem.failed_writes.appended").counter().count());
      assertThat(load.all().errors()).as("client errors").isZero();
      assertThat(highestInFlight).as("copies in flight").isLessThanOrEqualTo(MAX_IN_FLIGHT);
      sent = load.sent();
      awaitSettled(door);
    }
    assertConverged(sent);
  }

  private String insert() {
    return "INSERT INTO " + clusters.keyspace() + ".stall (k, v) VALUES (?, ?)";
  }

  /** Replays until nothing is pending or in flight. */
  private static void awaitSettled(FrontDoor door) throws InterruptedException {
    MirrorEngine engine = door.engine();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while ((engine.failedWrites().pendingCount() > 0 || engine.health().copiesInFlight() > 0)
        && System.nanoTime() < deadline) {
      engine.replayNow().toCompletableFuture().join();
      Thread.sleep(100);
    }
    assertThat(engine.failedWrites().pendingCount()).as("failed writes left to replay").isZero();
    assertThat(engine.health().copiesInFlight()).as("copies in flight").isZero();
  }

  private static double expiries(FrontDoor door) {
    return door.meters().get("tandem.mirror.deadline_expired").tag("side", "target").counter().count();
  }

  private void assertConverged(int sent) {
    List<String> source = rows(clusters.sourceSession());
    assertThat(source).as("rows on the source").hasSize(sent);
    assertThat(rows(clusters.targetSession())).as("rows and write times on the target").isEqualTo(source);
  }

  private List<String> rows(CqlSession session) {
    return session.execute("SELECT k, v, WRITETIME(v) FROM " + clusters.keyspace() + ".stall").all().stream()
        .map(row -> row.getInt(0) + "=" + row.getString(1) + "@" + row.getLong(2)).sorted().toList();
  }
}
