package io.tandem.driver.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.core.api.Side;
import io.tandem.driver.api.ShadowReadConfig;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads come from the side the migration state names; shadow reads find what differs. */
@TandemClusters
class ReadRoutingIT {

  @TempDir Path logDirectory;
  private ClusterPair clusters;
  private DualSessionFixture fixture;

  @BeforeEach
  void plantDifferentRows(ClusterPair clusters) {
    this.clusters = clusters;
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.reads");
    clusters.executeOnBoth("CREATE TABLE %s.reads (k int PRIMARY KEY, v text)");
    clusters.executeOnSource("INSERT INTO %s.reads (k, v) VALUES (1, 'on source')");
    clusters.executeOnTarget("INSERT INTO %s.reads (k, v) VALUES (1, 'on target')");
    clusters.executeOnBoth("INSERT INTO %s.reads (k, v) VALUES (2, 'same')");
  }

  @AfterEach
  void close() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void should_read_from_the_side_the_migration_state_names() {
    fixture = DualSessionFixture.start(clusters, DualSessionFixture.quickConfig(logDirectory).build());
    PreparedStatement select = fixture.session.prepare("SELECT v FROM " + fixture.table("reads") + " WHERE k = ?");
    String simple = "SELECT v FROM " + fixture.table("reads") + " WHERE k = 1";

    assertThat(value(fixture.session.execute(select.bind(1)).one())).isEqualTo("on source");
    assertThat(value(fixture.session.execute(simple).one())).isEqualTo("on source");

    fixture.session.migration().routeReadsTo(Side.TARGET);

    assertThat(value(fixture.session.execute(select.bind(1)).one())).isEqualTo("on target");
    assertThat(value(fixture.session.executeAsync(select.bind(1)).toCompletableFuture().join().one()))
        .isEqualTo("on target");
    assertThat(value(fixture.session.execute(simple).one())).isEqualTo("on target");
    assertThat(fixture.session.getMetadata().getClusterName())
        .isEqualTo(fixture.session.session(Side.TARGET).getMetadata().getClusterName());
    assertThat(fixture.meters.get("tandem.request.latency").tag("side", "target").tag("kind", "read").timer()
        .count()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void should_write_to_the_target_first_once_it_is_primary_and_stop_writing_to_the_source() {
    fixture = DualSessionFixture.start(clusters, DualSessionFixture.quickConfig(logDirectory).build());
    PreparedStatement insert =
        fixture.session.prepare("INSERT INTO " + fixture.table("reads") + " (k, v) VALUES (?, ?)");
    fixture.session.migration().routeReadsTo(Side.TARGET);
    fixture.session.migration().makePrimary(Side.TARGET);

    fixture.session.execute(insert.bind(3, "target primary"));
    fixture.session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED, insert.bind(4, "batch")));
    fixture.session.migration().stopMirroring();
    fixture.session.execute(insert.bind(5, "target only"));

    fixture.awaitMirrorsSettled();
    assertThat(clusters.executeOnTarget("SELECT k FROM %s.reads").all()).hasSize(5);
    assertThat(clusters.executeOnSource("SELECT k FROM %s.reads").all()).hasSize(4);
    assertThat(clusters.executeOnSource("SELECT v FROM %s.reads WHERE k = 3").one().getString(0))
        .isEqualTo("target primary");
  }

  @Test
  void should_count_and_name_the_rows_a_shadow_read_finds_different() {
    fixture = DualSessionFixture.start(clusters, DualSessionFixture.quickConfig(logDirectory).build(),
        ShadowReadConfig.sample(1.0));
    String table = fixture.table("reads");

    fixture.session.execute("SELECT k, v FROM " + table + " WHERE k = 2");
    awaitCompared(1);
    assertThat(fixture.session.shadowReads().mismatched()).isZero();

    fixture.session.execute("SELECT k, v FROM " + table + " WHERE k = 1");
    fixture.session.execute("SELECT k, v FROM " + table);
    awaitCompared(3);

    assertThat(fixture.session.shadowReads().mismatched()).isEqualTo(2);
    assertThat(fixture.session.shadowReads().failed()).isZero();
    assertThat(fixture.meters.get("tandem.shadow_reads").tag("outcome", "mismatch").counter().count())
        .isEqualTo(2);
  }

  private void awaitCompared(long expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (fixture.session.shadowReads().compared() < expected && System.nanoTime() < deadline) {
      DualSessionFixture.sleep(20);
    }
    assertThat(fixture.session.shadowReads().compared()).isEqualTo(expected);
  }

  private static String value(Row row) {
    return row.getString("v");
  }
}
