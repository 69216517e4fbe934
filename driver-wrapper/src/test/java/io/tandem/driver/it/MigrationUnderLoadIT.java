package io.tandem.driver.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The application keeps writing while the migration moves and while the target is away. */
@TandemClusters
class MigrationUnderLoadIT {

  private static final int WRITERS = 4;

  @TempDir Path logDirectory;
  private ClusterPair clusters;
  private DualSessionFixture fixture;
  private final AtomicInteger applicationErrors = new AtomicInteger();
  private final java.util.Queue<String> errorMessages = new java.util.concurrent.ConcurrentLinkedQueue<>();

  @BeforeEach
  void createTable(ClusterPair clusters) {
    this.clusters = clusters;
    clusters.ensureTargetRunning();
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.load");
    clusters.executeOnBoth("CREATE TABLE %s.load (k int PRIMARY KEY, v text)");
  }

  @AfterEach
  void close() {
    clusters.ensureTargetRunning();
    if (fixture != null) {
      fixture.close();
    }
  }

  @ParameterizedTest
  @EnumSource(value = MirrorMode.class, names = {"SYNC", "ASYNC"})
  void should_lose_no_request_while_reads_and_primary_switch_under_load(MirrorMode mode) {
    fixture = DualSessionFixture.start(clusters, DualSessionFixture.quickConfig(logDirectory).defaultMode(mode).build());
    Workload workload = new Workload(2_000);

    workload.start();
    workload.awaitWritten(500);
    fixture.session.migration().routeReadsTo(Side.TARGET);
    workload.awaitWritten(1_000);
    fixture.session.migration().makePrimary(Side.TARGET);
    workload.awaitDone();

    assertThat(applicationErrors).as("application errors, first ones: %s", errorMessages).hasValue(0);
    fixture.awaitMirrorsSettled();
    assertThat(fixture.assertBothSidesEqual("load", "k, v", "v")).hasSize(WRITERS * 2_000);
  }

  @Test
  void should_keep_the_application_running_while_the_target_is_stopped_then_replay() {
    fixture = DualSessionFixture.start(clusters,
        DualSessionFixture.quickConfig(logDirectory).defaultMode(MirrorMode.ASYNC).build());
    Workload workload = new Workload(1_000);

    workload.start();
    workload.awaitWritten(200);
    // graceful: a SIGKILL would also drop the target's own acknowledged writes (periodic commit log)
    clusters.target().stop();
    workload.awaitDone();
    assertThat(fixture.engine().failedWrites().pendingCount()).isGreaterThan(0);

    clusters.target().restart();
    fixture.awaitMirrorsSettled();
    assertThat(applicationErrors).as("application errors, first ones: %s", errorMessages).hasValue(0);
    assertThat(fixture.assertBothSidesEqual("load", "k, v", "v")).hasSize(WRITERS * 1_000);
  }

  @Test
  void should_not_fail_the_application_when_the_target_cannot_prepare_its_query() {
    clusters.executeOnTarget("DROP TABLE %s.load");
    fixture = DualSessionFixture.start(clusters,
        DualSessionFixture.quickConfig(logDirectory).defaultMode(MirrorMode.ASYNC).build());

    PreparedStatement insert = fixture.session.prepare("INSERT INTO " + fixture.table("load") + " (k, v) VALUES (?, ?)");
    fixture.session.execute(insert.bind(1, "written while the target lacks the table"));

    assertThat(clusters.executeOnSource("SELECT v FROM %s.load WHERE k = 1").one()).isNotNull();
    awaitPending();
    clusters.executeOnTarget("CREATE TABLE %s.load (k int PRIMARY KEY, v text)");
    fixture.awaitMirrorsSettled();
    assertThat(fixture.assertBothSidesEqual("load", "k, v", "v")).hasSize(1);
  }

  private void failed(Throwable error) {
    applicationErrors.incrementAndGet();
    if (errorMessages.size() < 5) {
      errorMessages.add(error.toString());
    }
  }

  private void awaitPending() {
    for (int attempt = 0; attempt < 100 && fixture.engine().failedWrites().pendingCount() == 0; attempt++) {
      DualSessionFixture.sleep(50);
    }
    assertThat(fixture.engine().failedWrites().pendingCount()).isEqualTo(1);
  }

  /** {@value #WRITERS} threads, each writing its own keys with async prepared writes and reading some back. */
  private final class Workload {
    private final int perWriter;
    private final AtomicInteger written = new AtomicInteger();
    private final List<CompletableFuture<Void>> writers = new ArrayList<>();

    Workload(int perWriter) {
      this.perWriter = perWriter;
    }

    void start() {
      PreparedStatement insert =
          fixture.session.prepare("INSERT INTO " + fixture.table("load") + " (k, v) VALUES (?, ?)");
      PreparedStatement select = fixture.session.prepare("SELECT v FROM " + fixture.table("load") + " WHERE k = ?");
      for (int writer = 0; writer < WRITERS; writer++) {
        int first = writer * perWriter;
        writers.add(CompletableFuture.runAsync(() -> write(insert, select, first)));
      }
    }

    private void write(PreparedStatement insert, PreparedStatement select, int first) {
      List<CompletableFuture<?>> window = new ArrayList<>();
      for (int k = first; k < first + perWriter; k++) {
        window.add(fixture.session.executeAsync(insert.bind(k, "value " + k)).toCompletableFuture()
            .whenComplete((result, error) -> {
              if (error != null) {
                failed(error);
              }
              written.incrementAndGet();
            }));
        if (window.size() == 16) {
          window.forEach(write -> write.exceptionally(error -> null).join());
          window.clear();
          try {
            fixture.session.execute(select.bind(k));
          } catch (RuntimeException e) {
            failed(e);
          }
        }
      }
      window.forEach(write -> write.exceptionally(error -> null).join());
    }

    void awaitWritten(int count) {
      while (written.get() < count && writers.stream().anyMatch(writer -> !writer.isDone())) {
        DualSessionFixture.sleep(5);
      }
    }

    void awaitDone() {
      writers.forEach(CompletableFuture::join);
    }
  }
}
