package io.tandem.core.it;

import static io.tandem.core.it.EngineFixture.integer;
import static io.tandem.core.it.EngineFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.BackpressurePolicy;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.replay.FailedWriteLogException;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The target goes away under load; nothing the source acknowledged may be missing once it is back. */
@TandemClusters
class TargetOutageIT {

  @TempDir Path logDirectory;
  private ClusterPair clusters;
  private EngineFixture fixture;

  @BeforeEach
  void createTable(ClusterPair clusters) {
    this.clusters = clusters;
    clusters.ensureTargetRunning();
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.outage");
    clusters.executeOnBoth("CREATE TABLE %s.outage (k int PRIMARY KEY, v text)");
    fixture = new EngineFixture(clusters);
  }

  @AfterEach
  void cleanUp() {
    clusters.ensureTargetRunning();
    fixture.close();
  }

  @Test
  void should_log_and_replay_sync_writes_while_the_target_is_stopped() {
    fixture.start(EngineFixture.quickConfig(logDirectory).defaultMode(MirrorMode.SYNC).build());
    writeAll(0, 100);

    // a graceful stop: SIGKILL would also drop the target's own last acknowledged writes (periodic
    // commit log), which no dual writer can bring back; the kill case is covered below with an empty target
    clusters.target().stop();
    writeAll(100, 400);
    assertThat(fixture.engine.breaker(Side.TARGET).getState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(fixture.engine.failedWrites().pendingCount()).isGreaterThan(0);

    clusters.target().restart();
    awaitEmptyLog(fixture.engine);

    assertBothSidesEqual(400);
  }

  @Test
  void should_keep_memory_bounded_and_lose_nothing_while_async_target_hangs() {
    fixture.start(EngineFixture.quickConfig(logDirectory).defaultMode(MirrorMode.ASYNC).maxInFlight(16)
        .backpressurePolicy(BackpressurePolicy.LOG_FOR_REPLAY).build());

    clusters.target().suspend();
    int maxInFlightSeen = 0;
    for (int k = 0; k < 300; k++) {
      fixture.write("INSERT INTO %s.outage (k, v) VALUES (?, ?)", integer(k), text("v" + k)).toCompletableFuture().join();
      maxInFlightSeen = Math.max(maxInFlightSeen, (int) inFlight());
    }
    assertThat(maxInFlightSeen).isLessThanOrEqualTo(16);
    assertThat(fixture.engine.failedWrites().pendingCount()).isGreaterThan(0);

    clusters.target().resume();
    awaitEmptyLog(fixture.engine);

    assertBothSidesEqual(300);
  }

  @Test
  void should_replay_a_log_left_by_an_earlier_run_on_start() {
    fixture.start(EngineFixture.quickConfig(logDirectory).build());
    clusters.target().kill();
    writeAll(0, 50);
    long pending = fixture.engine.failedWrites().pendingCount();
    assertThat(pending).isEqualTo(50);
    fixture.engine.close();

    clusters.target().restart();
    fixture.start(EngineFixture.quickConfig(logDirectory).build());
    awaitEmptyLog(fixture.engine);

    assertBothSidesEqual(50);
  }

  @Test
  void should_refuse_to_start_on_an_unwritable_log_directory() throws Exception {
    Path notADirectory = Files.writeString(logDirectory.resolve("plain-file"), "x");

    assertThatThrownBy(() -> fixture.start(EngineFixture.quickConfig(notADirectory.resolve("log")).build()))
        .isInstanceOf(FailedWriteLogException.class)
        .hasMessageContaining(notADirectory.toString());
  }

  private void writeAll(int from, int to) {
    List<CompletableFuture<Object>> writes = new ArrayList<>();
    for (int k = from; k < to; k++) {
      writes.add(fixture.write("INSERT INTO %s.outage (k, v) VALUES (?, ?)", integer(k), text("v" + k))
          .toCompletableFuture());
      if (writes.size() == 20) {
        writes.forEach(CompletableFuture::join);
        writes.clear();
      }
    }
    writes.forEach(CompletableFuture::join);
  }

  private void awaitEmptyLog(MirrorEngine engine) {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while ((engine.failedWrites().pendingCount() > 0 || inFlight() > 0) && System.nanoTime() < deadline) {
      engine.replayNow().toCompletableFuture().join();
      sleep(200);
    }
    assertThat(engine.failedWrites().pendingCount()).as("failed writes left to replay").isZero();
  }

  private double inFlight() {
    return fixture.meters.get("tandem.mirror.in_flight").gauge().value();
  }

  private void assertBothSidesEqual(int expectedRows) {
    List<String> source = fixture.rows(Side.SOURCE, "outage");
    assertThat(source).hasSize(expectedRows);
    assertThat(fixture.rows(Side.TARGET, "outage")).isEqualTo(source);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
