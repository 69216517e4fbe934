package io.tandem.driver.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.testing.QuickMirrorConfig;
import io.tandem.driver.api.DualWriteCqlSession;
import io.tandem.driver.api.ShadowReadConfig;
import io.tandem.testkit.ClusterPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link DualWriteCqlSession} over the shared clusters, on sessions of its own that reconnect fast (so
 * outage tests run in seconds), plus helpers that read each cluster directly to compare both sides.
 */
final class DualSessionFixture implements AutoCloseable {

  /** Generous for a busy 2-core machine; outage tests stop the target gracefully, so nothing waits on it. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  final ClusterPair clusters;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final DualWriteCqlSession session;

  private DualSessionFixture(ClusterPair clusters, MirrorConfig config, ShadowReadConfig shadowReads) {
    this.clusters = clusters;
    this.session = DualWriteCqlSession.builder()
        .withSource(clusters.source().testSessionBuilder(REQUEST_TIMEOUT))
        .withTarget(clusters.target().testSessionBuilder(REQUEST_TIMEOUT))
        .withMirrorConfig(config)
        .withShadowReads(shadowReads)
        .withMeterRegistry(meters)
        .build();
  }

  static DualSessionFixture start(ClusterPair clusters, MirrorConfig config) {
    return new DualSessionFixture(clusters, config, ShadowReadConfig.OFF);
  }

  static DualSessionFixture start(ClusterPair clusters, MirrorConfig config, ShadowReadConfig shadowReads) {
    return new DualSessionFixture(clusters, config, shadowReads);
  }

  /** See {@link QuickMirrorConfig}. */
  static MirrorConfig.Builder quickConfig(Path logDirectory) {
    return QuickMirrorConfig.builder(logDirectory);
  }

  String table(String name) {
    return clusters.keyspace() + "." + name;
  }

  MirrorEngine engine() {
    return session.engine();
  }

  /** Each row of {@code table} as "column values|writetime", read from one cluster directly, sorted. */
  List<String> rows(Side side, String table, String columns, String writetimeColumn) {
    CqlSession direct = side == Side.SOURCE ? clusters.sourceSession() : clusters.targetSession();
    List<String> rows = new ArrayList<>();
    String query = "SELECT " + columns + ", WRITETIME(" + writetimeColumn + ") FROM " + table(table);
    for (Row row : direct.execute(query)) {
      StringBuilder line = new StringBuilder();
      for (int index = 0; index < row.getColumnDefinitions().size(); index++) {
        line.append(index == 0 ? "" : "|").append(row.getObject(index));
      }
      rows.add(line.toString());
    }
    rows.sort(null);
    return rows;
  }

  /** Both clusters hold the same rows with the same write times; returns the source's rows. */
  List<String> assertBothSidesEqual(String table, String columns, String writetimeColumn) {
    List<String> source = rows(Side.SOURCE, table, columns, writetimeColumn);
    List<String> target = rows(Side.TARGET, table, columns, writetimeColumn);
    List<String> onlyOnSource = new ArrayList<>(source);
    onlyOnSource.removeAll(target);
    List<String> onlyOnTarget = new ArrayList<>(target);
    onlyOnTarget.removeAll(source);
    assertThat(onlyOnSource).as("rows of %s only on the source (target has %s rows)", table, target.size()).isEmpty();
    assertThat(onlyOnTarget).as("rows of %s only on the target", table).isEmpty();
    assertThat(target).hasSameSizeAs(source);
    return source;
  }

  /** Waits until nothing is in flight and the failed-write log is empty, replaying it meanwhile. */
  void awaitMirrorsSettled() {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while ((engine().failedWrites().pendingCount() > 0 || inFlight() > 0) && System.nanoTime() < deadline) {
      engine().replayNow().toCompletableFuture().join();
      sleep(100);
    }
    assertThat(engine().failedWrites().pendingCount()).as("failed writes left to replay").isZero();
    assertThat(inFlight()).as("mirrored writes in flight").isZero();
  }

  private double inFlight() {
    return meters.get("tandem.mirror.in_flight").gauge().value();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    session.close();
  }
}
