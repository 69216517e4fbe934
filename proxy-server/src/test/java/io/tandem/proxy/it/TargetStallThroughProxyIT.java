package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.testing.SteadyLoad;
import io.tandem.core.testing.TargetFreezes;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The target frozen (SIGSTOP) under a steady load through the proxy: in SYNC no client waits much longer than
 * the secondary deadline, none fails, {@code /health/readiness} counts the expiries, and after replay both
 * clusters hold every write. The long runs are tagged {@code soak}; the short ones run by default.
 */
@TandemClusters
class TargetStallThroughProxyIT {

  private static final int WRITES_PER_SECOND = 50;
  private static final Duration DEADLINE = MirrorConfig.builder().build().secondaryDeadline();
  /** Generous: a busy 2-core machine runs both clusters, the proxy, the load and the test. */
  private static final Duration P99_MARGIN = Duration.ofMillis(1000);
  private static final int MAX_IN_FLIGHT = 256;

  private ClusterPair clusters;

  @BeforeEach
  void createTable(ClusterPair clusters) {
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
  void should_answer_sync_clients_within_the_deadline_while_the_target_is_frozen_briefly() throws Exception {
    frozenUnderSyncLoad(Duration.ofSeconds(6));
  }

  @Test
  @Tag("soak")
  void should_answer_sync_clients_within_the_deadline_while_the_target_is_frozen_for_25_s() throws Exception {
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
    try (ProxyFixture fixture = start(MirrorMode.SYNC); CqlSession client = fixture.clientSession()) {
      try (SteadyLoad load = SteadyLoad.start(client, client.prepare(insert()), WRITES_PER_SECOND)) {
        Thread.sleep(1000); // a steady state before the stall
        long[] frozen = TargetFreezes.freeze(clusters.target(), stall);
        Thread.sleep(2000);
        assertThat(load.stop(Duration.ofSeconds(30))).as("every write answered").isTrue();
        SteadyLoad.Figures during = load.between(frozen[0], frozen[1]);
        String readiness = readiness(fixture.proxy().adminAddress());
        System.out.printf("[stall, proxy, SYNC] target frozen %d s, deadline %d ms: during the stall %s; overall %s;"
                + " deadline expiries %.0f; readiness %s%n", stall.toSeconds(), DEADLINE.toMillis(), during,
            load.all(), expiries(fixture), readiness);
        assertThat(load.all().errors()).as("client errors").isZero();
        assertThat(during.p99Millis()).as("client p99 while frozen, ms")
            .isLessThanOrEqualTo((double) DEADLINE.plus(P99_MARGIN).toMillis());
        assertThat(readiness).contains("\"secondary_deadline_expiries\":" + (long) expiries(fixture));
        sent = load.sent();
        awaitSettled(fixture);
      }
    }
    assertConverged(sent);
  }

  private void flappingUnderLoad(MirrorMode mode, Duration total) throws Exception {
    int sent;
    try (ProxyFixture fixture = start(mode); CqlSession client = fixture.clientSession()) {
      try (SteadyLoad load = SteadyLoad.start(client, client.prepare(insert()), WRITES_PER_SECOND)) {
        long highestInFlight = TargetFreezes.flap(clusters.target(), total, Duration.ofMillis(1500),
            Duration.ofMillis(1500), () -> (long) inFlight(fixture));
        assertThat(load.stop(Duration.ofSeconds(30))).as("every write answered").isTrue();
        System.out.printf("[flapping, proxy, %s] %d s of 1.5 s frozen / 1.5 s thawed: %s; most copies in flight %d"
                + " (cap %d); deadline expiries %.0f; failed writes logged %.0f%n", mode, total.toSeconds(),
            load.all(), highestInFlight, MAX_IN_FLIGHT, expiries(fixture),
            fixture.meters().get("tandem.failed_writes.appended").counter().count());
        assertThat(load.all().errors()).as("client errors").isZero();
        assertThat(highestInFlight).as("copies in flight").isLessThanOrEqualTo(MAX_IN_FLIGHT);
        sent = load.sent();
        awaitSettled(fixture);
      }
    }
    assertConverged(sent);
  }

  private ProxyFixture start(MirrorMode mode) {
    return ProxyFixture.start(clusters, mode, config -> config
        .adminAddress(new InetSocketAddress("127.0.0.1", 0))
        .mirror(ProxyFixture.quickMirror(mode).maxInFlight(MAX_IN_FLIGHT).build()));
  }

  private String insert() {
    return "INSERT INTO " + clusters.keyspace() + ".stall (k, v) VALUES (?, ?)";
  }

  /** Replays until nothing is pending or in flight (the breaker's return to CLOSED also replays). */
  private static void awaitSettled(ProxyFixture fixture) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while ((pending(fixture) > 0 || inFlight(fixture) > 0) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(pending(fixture)).as("failed writes left to replay").isZero();
  }

  private static double pending(ProxyFixture fixture) {
    return fixture.meters().get("tandem.failed_writes.pending").gauge().value();
  }

  private static double inFlight(ProxyFixture fixture) {
    return fixture.meters().get("tandem.mirror.in_flight").gauge().value();
  }

  private static double expiries(ProxyFixture fixture) {
    return fixture.meters().get("tandem.mirror.deadline_expired").tag("side", "target").counter().count();
  }

  private static String readiness(InetSocketAddress admin) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + admin.getPort() + "/health/readiness")).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private void assertConverged(int sent) {
    List<String> source = rows(clusters.sourceSession());
    assertThat(source).as("rows on the source").hasSize(sent);
    assertThat(rows(clusters.targetSession())).as("rows on the target").isEqualTo(source);
  }

  private List<String> rows(CqlSession session) {
    return session.execute("SELECT k, v, WRITETIME(v) FROM " + clusters.keyspace() + ".stall").all().stream()
        .map(row -> row.getInt(0) + "=" + row.getString(1) + "@" + row.getLong(2)).sorted().toList();
  }
}
