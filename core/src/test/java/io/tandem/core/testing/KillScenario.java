package io.tandem.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.testkit.ClusterPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frame of a {@code kill -9} test: a front door writes {@code killed (k int PRIMARY KEY, v text)} in ASYNC mode
 * while the target is frozen, is killed, and is started again on the same failed-write log folder ({@link #work});
 * {@link #assertAcknowledgedOnTarget} then checks that every write it was answered for reached the target with the
 * source's value and write time. The target is thawed after each test. Shipped in core's test jar.
 */
public abstract class KillScenario {

  /** How long a front door gets to start, write or replay. */
  protected static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** The front door's working folder; its failed-write log goes in {@code failed-writes}. */
  @TempDir protected Path work;
  /** The clusters of the test, set before each test. */
  protected ClusterPair clusters;

  @BeforeEach
  void createKilledTable(ClusterPair clusters) {
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

  /** The table the front door writes, keyspace included. */
  protected String table() {
    return clusters.keyspace() + ".killed";
  }

  /** Every acknowledged key is on the target as on the source, and the target has nothing the source has not. */
  protected void assertAcknowledgedOnTarget(Set<Integer> acknowledged) {
    Map<Integer, String> source = rows(clusters.sourceSession());
    Map<Integer, String> target = rows(clusters.targetSession());
    assertThat(source.keySet()).containsAll(acknowledged);
    assertThat(target.keySet()).as("acknowledged keys on the target").containsAll(acknowledged);
    for (Integer key : acknowledged) {
      assertThat(target.get(key)).as("value and write time of key %s", key).isEqualTo(source.get(key));
    }
    target.forEach((key, row) -> assertThat(row).as("row %s", key).isEqualTo(source.get(key)));
  }

  /** Each row as "value|writetime", by key. */
  protected Map<Integer, String> rows(CqlSession session) {
    Map<Integer, String> rows = new HashMap<>();
    for (Row row : session.execute("SELECT k, v, WRITETIME(v) FROM " + table())) {
      rows.put(row.getInt(0), row.getString(1) + "|" + row.getLong(2));
    }
    return rows;
  }
}
