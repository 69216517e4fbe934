package io.tandem.driver.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.dse.driver.api.core.cql.reactive.ReactiveRow;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.mirror.SchemaChangePolicy;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every way an application can write through the driver lands on both clusters with the same WRITETIME. */
@TandemClusters
class ApiPathsIT {

  @TempDir Path logDirectory;
  private DualSessionFixture fixture;

  @BeforeEach
  void createTables(ClusterPair clusters) {
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.paths");
    clusters.executeOnBoth("CREATE TABLE %s.paths (k int, c int, v text, PRIMARY KEY (k, c))");
    fixture = DualSessionFixture.start(clusters, DualSessionFixture.quickConfig(logDirectory).build());
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private String paths() {
    return fixture.table("paths");
  }

  @ParameterizedTest
  @EnumSource(value = MirrorMode.class, names = {"SYNC", "ASYNC"})
  void should_mirror_simple_statements_sync_and_async(MirrorMode mode) {
    fixture.session.migration().setDefaultMode(mode);
    fixture.session.execute("INSERT INTO " + paths() + " (k, c, v) VALUES (1, 1, 'literal')");
    fixture.session.execute("INSERT INTO " + paths() + " (k, c, v) VALUES (?, ?, ?)", 1, 2, "positional");
    fixture.session.execute(SimpleStatement.newInstance(
        "INSERT INTO " + paths() + " (k, c, v) VALUES (:k, :c, :v)", Map.of("k", 1, "c", 3, "v", "named")));
    fixture.session.executeAsync("UPDATE " + paths() + " SET v = 'async' WHERE k = 1 AND c = 4")
        .toCompletableFuture().join();

    fixture.awaitMirrorsSettled();
    assertThat(fixture.assertBothSidesEqual("paths", "k, c, v", "v")).hasSize(4);
  }

  @Test
  void should_mirror_prepared_statements_and_batches_of_bound_statements() {
    PreparedStatement insert = fixture.session.prepare("INSERT INTO " + paths() + " (k, c, v) VALUES (?, ?, ?)");
    fixture.session.execute(insert.bind(2, 1, "bound"));
    fixture.session.executeAsync(insert.bind(2, 2, "bound-async")).toCompletableFuture().join();
    fixture.session.execute(BatchStatement.newInstance(BatchType.LOGGED,
        insert.bind(3, 1, "logged-1"), insert.bind(3, 2, "logged-2")));
    fixture.session.execute(BatchStatement.newInstance(BatchType.UNLOGGED,
        insert.bind(4, 1, "unlogged"),
        SimpleStatement.newInstance("INSERT INTO " + paths() + " (k, c, v) VALUES (4, 2, 'simple child')")));
    // a partly bound statement: the unset value must stay unset on both sides
    fixture.session.execute(insert.bind(2, 1).unset(2));

    fixture.awaitMirrorsSettled();
    List<String> rows = fixture.assertBothSidesEqual("paths", "k, c, v", "v");
    assertThat(rows).hasSize(6).anyMatch(row -> row.startsWith("2|1|bound|"));
  }

  @Test
  void should_mirror_reactive_writes_only_once_subscribed() {
    var publisher = fixture.session.executeReactive(
        "INSERT INTO " + paths() + " (k, c, v) VALUES (5, 1, 'reactive')");
    assertThat(fixture.rows(Side.SOURCE, "paths", "k, c, v", "v")).isEmpty();

    List<ReactiveRow> rows = Subscribers.collect(publisher);

    assertThat(rows).isEmpty();
    fixture.awaitMirrorsSettled();
    assertThat(fixture.assertBothSidesEqual("paths", "k, c, v", "v")).hasSize(1);
  }

  @Test
  void should_return_the_primary_answer_of_lightweight_transactions_and_apply_them_on_both() {
    String insertIfAbsent = "INSERT INTO " + paths() + " (k, c, v) VALUES (6, 1, 'first') IF NOT EXISTS";
    ResultSet first = fixture.session.execute(insertIfAbsent);
    ResultSet second = fixture.session.execute(insertIfAbsent.replace("first", "second"));

    assertThat(first.wasApplied()).isTrue();
    assertThat(second.wasApplied()).isFalse();
    fixture.awaitMirrorsSettled();
    // a conditional write takes its timestamp from Paxos on each cluster: compare the values only
    for (Side side : Side.values()) {
      assertThat(fixture.rows(side, "paths", "k, c, v", "v")).as("rows on " + side)
          .singleElement().asString().startsWith("6|1|first|");
    }
  }

  @Test
  void should_switch_both_sessions_on_use_and_mirror_unqualified_writes() {
    fixture.session.execute("USE " + fixture.clusters.keyspace());
    fixture.session.execute("INSERT INTO paths (k, c, v) VALUES (7, 1, 'unqualified')");
    PreparedStatement insert = fixture.session.prepare("INSERT INTO paths (k, c, v) VALUES (?, ?, ?)");
    fixture.session.execute(insert.bind(7, 2, "unqualified prepared"));

    assertThat(fixture.session.getKeyspace()).hasValueSatisfying(
        keyspace -> assertThat(keyspace.asInternal()).isEqualTo(fixture.clusters.keyspace()));
    assertThat(fixture.session.session(Side.TARGET).getKeyspace()).isEqualTo(fixture.session.getKeyspace());
    fixture.awaitMirrorsSettled();
    assertThat(fixture.assertBothSidesEqual("paths", "k, c, v", "v")).hasSize(2);
  }

  @Test
  void should_store_the_same_value_for_now_on_both_clusters() {
    schemaChange("DROP TABLE IF EXISTS " + fixture.table("events"));
    schemaChange("CREATE TABLE " + fixture.table("events") + " (k int PRIMARY KEY, at timeuuid)");
    fixture.session.execute("INSERT INTO " + fixture.table("events") + " (k, at) VALUES (1, now())");

    fixture.awaitMirrorsSettled();
    assertThat(fixture.assertBothSidesEqual("events", "k, at", "at")).hasSize(1);
  }

  @Test
  void should_send_schema_changes_to_the_primary_only_when_told_to() {
    fixture.close();
    fixture = DualSessionFixture.start(fixture.clusters, DualSessionFixture.quickConfig(logDirectory)
        .schemaChanges(SchemaChangePolicy.PRIMARY_ONLY).build());
    schemaChange("CREATE TABLE IF NOT EXISTS " + fixture.table("source_only") + " (k int PRIMARY KEY)");

    // system_schema rather than another session's metadata, which a schema event refreshes only later
    String query = "SELECT table_name FROM system_schema.tables WHERE keyspace_name = '%s' AND table_name = 'source_only'";
    assertThat(fixture.clusters.executeOnSource(query).all()).hasSize(1);
    assertThat(fixture.clusters.executeOnTarget(query).all()).isEmpty();
  }

  @Test
  void should_page_through_reads_on_either_side() {
    PreparedStatement insert = fixture.session.prepare("INSERT INTO " + paths() + " (k, c, v) VALUES (?, ?, ?)");
    CompletableFuture<?>[] writes = new CompletableFuture<?>[250];
    for (int c = 0; c < writes.length; c++) {
      writes[c] = fixture.session.executeAsync(insert.bind(8, c, "row " + c)).toCompletableFuture();
    }
    CompletableFuture.allOf(writes).join();
    fixture.awaitMirrorsSettled();
    PreparedStatement select = fixture.session.prepare("SELECT c FROM " + paths() + " WHERE k = ?");

    for (Side side : Side.values()) {
      fixture.session.migration().routeReadsTo(side);
      assertThat(fixture.session.execute(select.bind(8).setPageSize(40)).all()).as("rows from " + side)
          .hasSize(250);
      assertThat(fixture.session.execute(
          SimpleStatement.newInstance("SELECT c FROM " + paths() + " WHERE k = 8").setPageSize(30)).all())
          .hasSize(250);
    }
  }

  /** Through the session under test, with time for schema agreement on a busy machine. */
  private void schemaChange(String cql) {
    fixture.session.execute(SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(30)));
  }
}
