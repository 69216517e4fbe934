package io.tandem.driver.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.testing.SteadyLoad;
import io.tandem.core.testing.TargetFreezes;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The target frozen (SIGSTOP) under a steady load through {@code DualWriteCqlSession}: in SYNC no caller waits
 * much longer than the secondary deadline, none fails, and after replay both clusters hold every write. The
 * long runs are tagged {@code soak}; the short ones run by default.
 */
@TandemClusters
class TargetStallIT {

  private static final int WRITES_PER_SECOND = 50;
  private static final Duration DEADLINE = MirrorConfig.builder().build().secondaryDeadline();
  /** Generous: a busy 2-core machine runs both clusters, the load and the test. */
  private static final Duration P99_MARGIN = Duration.ofMillis(1000);
  private static final int MAX_IN_FLIGHT = 256;

  @TempDir Path logDirectory;
  private ClusterPair clusters;
  private DualSessionFixture fixture;

  @BeforeEach
  void createTable(ClusterPair clusters) {
    this.clusters = clusters;
    clusters.ensureTargetRunning();
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.stall");
    clusters.executeOnBoth("CREATE TABLE %s.stall (k int PRIMARY KEY, v text)");
  }

  @AfterEach
  void close() {
    clusters.target().resume();
    if (fixture != null) {
      fixture.close();
    }
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
    fixture = DualSessionFixture.start(clusters, config(MirrorMode.SYNC));
    long[] frozen;
    try (SteadyLoad load = SteadyLoad.start(fixture.session, insert(), WRITES_PER_SECOND)) {
      Thread.sleep(1000); // a steady state before the stall
      frozen = TargetFreezes.freeze(clusters.target(), stall);
      Thread.sleep(2000);
      assertThat(load.stop(Duration.ofSeconds(30))).as("every write answered").isTrue();
      SteadyLoad.Figures during = load.between(frozen[0], frozen[1]);
      System.out.printf("[stall, wrapper, SYNC] target frozen %d s, deadline %d ms: during the stall %s; overall %s;"
              + " deadline expiries %.0f%n", stall.toSeconds(), DEADLINE.toMillis(), during, load.all(),
          expiries());
      assertThat(load.all().errors()).as("client errors").isZero();
      assertThat(during.p99Millis()).as("client p99 while frozen, ms")
          .isLessThanOrEqualTo((double) DEADLINE.plus(P99_MARGIN).toMillis());
      assertConverged(load.sent());
    }
  }

  private void flappingUnderLoad(MirrorMode mode, Duration total) throws Exception {
    fixture = DualSessionFixture.start(clusters, config(mode));
    try (SteadyLoad load = SteadyLoad.start(fixture.session, insert(), WRITES_PER_SECOND)) {
      long highestInFlight = TargetFreezes.flap(clusters.target(), total, Duration.ofMillis(1500),
          Duration.ofMillis(1500), () -> fixture.engine().health().copiesInFlight());
      assertThat(load.stop(Duration.ofSeconds(30))).as("every write answered").isTrue();
      System.out.printf("[flapping, wrapper, %s] %d s of 1.5 s frozen / 1.5 s thawed: %s; most copies in flight %d"
              + " (cap %d); deadline expiries %.0f; failed writes logged %d%n", mode, total.toSeconds(), load.all(),
          highestInFlight, MAX_IN_FLIGHT, expiries(), appended());
      assertThat(load.all().errors()).as("client errors").isZero();
      assertThat(highestInFlight).as("copies in flight").isLessThanOrEqualTo(MAX_IN_FLIGHT);
      assertConverged(load.sent());
    }
  }

  private MirrorConfig config(MirrorMode mode) {
    return DualSessionFixture.quickConfig(logDirectory).defaultMode(mode).maxInFlight(MAX_IN_FLIGHT).build();
  }

  private PreparedStatement insert() {
    return fixture.session.prepare("INSERT INTO " + fixture.table("stall") + " (k, v) VALUES (?, ?)");
  }

  private void assertConverged(int sent) {
    fixture.awaitMirrorsSettled();
    assertThat(fixture.assertBothSidesEqual("stall", "k, v", "v")).as("rows on both clusters").hasSize(sent);
  }

  private double expiries() {
    return fixture.meters.get("tandem.mirror.deadline_expired").tag("side", "target").counter().count();
  }

  private long appended() {
    return (long) fixture.meters.get("tandem.failed_writes.appended").counter().count();
  }
}
