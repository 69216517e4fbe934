package io.tandem.driver.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.LwtCopyMode;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LWTs through {@code DualWriteCqlSession}: with {@code lwt-copy = UNCONDITIONAL_AT_PRIMARY_WRITETIME} an applied
 * LWT lands on the target with the primary's WRITETIME, a not-applied one not at all; by default (CONDITIONAL)
 * each cluster stamps it with its own Paxos time.
 */
@TandemClusters
class LwtCopyIT {

  private static boolean created;

  @TempDir Path logDirectory;
  private ClusterPair clusters;
  private DualSessionFixture fixture;

  @BeforeEach
  void createTable(ClusterPair clusters) {
    this.clusters = clusters;
    if (!created) { // once: schema changes on both clusters are slow; each test has its own partition
      clusters.executeOnBoth("DROP TABLE IF EXISTS %s.lwt");
      clusters.executeOnBoth("CREATE TABLE %s.lwt (k int, c int, v text, PRIMARY KEY (k, c))");
      created = true;
    }
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @ParameterizedTest
  @EnumSource(value = MirrorMode.class, names = {"SYNC", "ASYNC"})
  void should_give_an_applied_lwt_the_primary_writetime_on_both_clusters(MirrorMode mode) {
    start(LwtCopyMode.UNCONDITIONAL_AT_PRIMARY_WRITETIME, mode);
    int k = 10 + mode.ordinal();
    PreparedStatement insert = fixture.session.prepare(
        "INSERT INTO " + lwt() + " (k, c, v) VALUES (?, ?, ?) IF NOT EXISTS");
    PreparedStatement update = fixture.session.prepare(
        "UPDATE " + lwt() + " SET v = ? WHERE k = ? AND c = ? IF v = ?");

    assertThat(fixture.session.execute("INSERT INTO " + lwt() + " (k, c, v) VALUES (" + k + ", 1, 'a') IF NOT EXISTS")
        .wasApplied()).isTrue();
    assertThat(fixture.session.execute(insert.bind(k, 2, "b")).wasApplied()).isTrue();
    assertThat(fixture.session.execute(update.bind("b2", k, 2, "b")).wasApplied()).isTrue();
    assertThat(fixture.session.execute("UPDATE " + lwt() + " SET v = 'a2' WHERE k = " + k + " AND c = 1 IF EXISTS")
        .wasApplied()).isTrue();
    fixture.awaitMirrorsSettled();

    assertThat(fixture.assertBothSidesEqual("lwt", "k, c, v", "v"))
        .contains(k + "|1|a2|" + writetime(k, 1), k + "|2|b2|" + writetime(k, 2));
    if (mode == MirrorMode.SYNC) {
      assertThat(copies("unconditional")).isEqualTo(4);
    } else {
      // ASYNC answers before the read-back: the next write may change the cell first, and then the LWT is copied
      // conditionally (its value no longer there to read a time from); the rows converge all the same
      assertThat(copies("unconditional") + copies("conditional")).isEqualTo(4);
    }
  }

  @Test
  void should_send_nothing_for_an_lwt_the_primary_did_not_apply() {
    start(LwtCopyMode.UNCONDITIONAL_AT_PRIMARY_WRITETIME, MirrorMode.SYNC);
    clusters.executeOnSource("INSERT INTO %s.lwt (k, c, v) VALUES (2, 1, 'source only')");

    assertThat(fixture.session.execute("INSERT INTO " + lwt() + " (k, c, v) VALUES (2, 1, 'x') IF NOT EXISTS")
        .wasApplied()).isFalse();

    assertThat(fixture.rows(Side.TARGET, "lwt", "k, c, v", "v")).noneMatch(row -> row.startsWith("2|"));
    assertThat(copies("not_applied")).isEqualTo(1);
  }

  @Test
  void should_copy_a_conditional_delete_as_it_is() {
    start(LwtCopyMode.UNCONDITIONAL_AT_PRIMARY_WRITETIME, MirrorMode.SYNC);
    fixture.session.execute("INSERT INTO " + lwt() + " (k, c, v) VALUES (3, 1, 'gone')");

    assertThat(fixture.session.execute("DELETE FROM " + lwt() + " WHERE k = 3 AND c = 1 IF EXISTS").wasApplied())
        .isTrue();

    assertThat(fixture.rows(Side.SOURCE, "lwt", "k, c, v", "v")).noneMatch(row -> row.startsWith("3|"));
    assertThat(fixture.rows(Side.TARGET, "lwt", "k, c, v", "v")).noneMatch(row -> row.startsWith("3|"));
    assertThat(copies("conditional")).isEqualTo(1);
  }

  @Test
  void should_leave_each_cluster_its_own_paxos_writetime_by_default() {
    start(LwtCopyMode.CONDITIONAL, MirrorMode.SYNC);

    fixture.session.execute("INSERT INTO " + lwt() + " (k, c, v) VALUES (4, 1, 'a') IF NOT EXISTS");

    String source = row(Side.SOURCE, 4);
    String target = row(Side.TARGET, 4);
    assertThat(source).startsWith("4|1|a|");
    assertThat(target).startsWith("4|1|a|");
    assertThat(target).as("writetimes: Cassandra ignores the injected timestamp of an LWT").isNotEqualTo(source);
  }

  private void start(LwtCopyMode lwtCopy, MirrorMode mode) {
    fixture = DualSessionFixture.start(clusters,
        DualSessionFixture.quickConfig(logDirectory).lwtCopy(lwtCopy).defaultMode(mode).build());
  }

  private double copies(String outcome) {
    return fixture.meters.find("tandem.mirror.lwt_copies").tag("outcome", outcome).counters().stream()
        .mapToDouble(counter -> counter.count()).sum();
  }

  /** The source's write time of v at (k, c), the target's must equal it. */
  private long writetime(int k, int c) {
    return clusters.sourceSession().execute("SELECT WRITETIME(v) FROM " + lwt() + " WHERE k = ? AND c = ?", k, c)
        .one().getLong(0);
  }

  private String row(Side side, int k) {
    return fixture.rows(side, "lwt", "k, c, v", "v").stream().filter(row -> row.startsWith(k + "|")).findFirst()
        .orElseThrow();
  }

  private String lwt() {
    return fixture.table("lwt");
  }
}
