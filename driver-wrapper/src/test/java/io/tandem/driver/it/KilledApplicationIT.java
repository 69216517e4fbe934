package io.tandem.driver.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.JavaProcess;
import io.tandem.testkit.TandemClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application writing through {@code DualWriteCqlSession} in ASYNC mode is killed with {@code kill -9} while the
 * target is frozen, its copies in flight; restarted on the same failed-write log folder, it replays them from the
 * intent log: every write it was answered for is on the target, with the source's value and write time.
 */
@TandemClusters
class KilledApplicationIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path work;
  private ClusterPair clusters;

  @BeforeEach
  void createTable(ClusterPair clusters) {
    this.clusters = clusters;
    clusters.ensureTargetRunning();
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.killed");
    clusters.executeOnBoth("CREATE TABLE %s.killed (k int PRIMARY KEY, v text)");
  }

  @AfterEach
  void resumeTarget() {
    clusters.target().resume();
    clusters.ensureTargetRunning();
  }

  @Test
  void should_put_on_the_target_every_write_acknowledged_before_a_kill_minus_9() {
    Set<Integer> acknowledged;
    try (JavaProcess application = start("write", "application.err")) {
      application.awaitLines(line -> line.startsWith("ACK "), 200, TIMEOUT);
      clusters.target().suspend();
      long beforeFreeze = application.lines().stream().filter(line -> line.startsWith("ACK ")).count();
      application.awaitLines(line -> line.startsWith("ACK "), (int) beforeFreeze + 300, TIMEOUT);
      application.kill();
      acknowledged = application.lines().stream().filter(line -> line.startsWith("ACK "))
          .map(line -> Integer.parseInt(line.substring(4))).collect(Collectors.toSet());
    } finally {
      clusters.target().resume();
    }

    try (JavaProcess restarted = start("recover", "restarted.err")) {
      assertThat(restarted.awaitExit(TIMEOUT)).as("exit code of the restarted application").isZero();
      long recovered = restarted.lines().stream().filter(line -> line.startsWith("RECOVERED "))
          .mapToLong(line -> Long.parseLong(line.substring(10))).sum();
      assertThat(recovered).as("copies recovered from the intent log").isPositive();
    }

    Map<Integer, String> source = rows(clusters.sourceSession());
    Map<Integer, String> target = rows(clusters.targetSession());
    assertThat(source.keySet()).containsAll(acknowledged);
    assertThat(target.keySet()).as("acknowledged keys on the target").containsAll(acknowledged);
    for (Integer key : acknowledged) {
      assertThat(target.get(key)).as("value and write time of key %s", key).isEqualTo(source.get(key));
    }
    target.forEach((key, row) -> assertThat(row).as("row %s", key).isEqualTo(source.get(key)));
  }

  private JavaProcess start(String mode, String errors) {
    return JavaProcess.start(KilledApplicationMain.class, List.of("-Xmx256m"),
        List.of(mode, KilledApplicationMain.contactPoints(clusters.source()),
            KilledApplicationMain.contactPoints(clusters.target()), clusters.keyspace() + ".killed",
            work.resolve("failed-writes").toString()),
        work.resolve(errors));
  }

  /** Each row as "value|writetime", by key. */
  private Map<Integer, String> rows(CqlSession session) {
    Map<Integer, String> rows = new HashMap<>();
    for (Row row : session.execute("SELECT k, v, WRITETIME(v) FROM " + clusters.keyspace() + ".killed")) {
      rows.put(row.getInt(0), row.getString(1) + "|" + row.getLong(2));
    }
    return rows;
  }
}
