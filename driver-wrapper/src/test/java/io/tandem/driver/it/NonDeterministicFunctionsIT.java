package io.tandem.driver.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tandem.core.api.mirror.FunctionRewriteCounts;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code now()}, {@code uuid()} and their siblings in prepared statements and statements with values: both clusters
 * store the same value with the same WRITETIME, and the application's prepared statement keeps its own markers.
 */
@TandemClusters
class NonDeterministicFunctionsIT {

  private static final String COLUMNS = "k, c, a, b, ts, d, t, tu";
  private static final String FUNCTIONS = "now(), uuid(), currentTimestamp(), currentDate(), currentTime(), "
      + "currentTimeUUID()";

  @TempDir static Path logDirectory;
  private static DualSessionFixture fixture;

  /** One table and one session for the class (each test writes its own partitions): cluster time is scarce. */
  @BeforeAll
  static void createTable(ClusterPair clusters) {
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.functions");
    clusters.executeOnBoth("CREATE TABLE %s.functions (k int, c int, a timeuuid, b uuid, ts timestamp, d date, "
        + "t time, tu timeuuid, at timestamp, PRIMARY KEY (k, c)) WITH CLUSTERING ORDER BY (c DESC)");
    fixture = DualSessionFixture.start(clusters, DualSessionFixture.quickConfig(logDirectory).build());
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  private static String functions() {
    return fixture.table("functions");
  }

  @Test
  void should_give_prepared_inserts_and_updates_one_value_per_function_on_both_clusters() {
    PreparedStatement insert = fixture.session.prepare(
        "INSERT INTO " + functions() + " (" + COLUMNS + ") VALUES (?, ?, " + FUNCTIONS + ")");
    PreparedStatement update = fixture.session.prepare("UPDATE " + functions() + " SET a = now(), b = uuid(), "
        + "ts = currentTimestamp(), d = currentDate(), t = currentTime(), tu = currentTimeUUID(), "
        + "at = toTimestamp(now()) WHERE k = ? AND c = ?");
    FunctionRewriteCounts before = fixture.engine().functionRewrites();

    fixture.session.execute(insert.bind(1, 1));
    fixture.session.executeAsync(insert.bind(1, 2)).toCompletableFuture().join();
    fixture.session.execute(update.bind(2, 1));
    fixture.session.execute(BatchStatement.newInstance(BatchType.LOGGED, insert.bind(3, 1), update.bind(3, 2)));

    assertThat(insert.getVariableDefinitions().size()).as("the client's markers only").isEqualTo(2);
    assertThat(update.getVariableDefinitions().size()).isEqualTo(2);
    fixture.awaitMirrorsSettled();
    List<String> rows = fixture.assertBothSidesEqual("functions", COLUMNS + ", at", "a");
    assertThat(rows).filteredOn(row -> row.matches("[123]\\|.*")).hasSize(5)
        .allSatisfy(row -> assertThat(row).doesNotContain("null|null"));
    assertThat(fixture.engine().functionRewrites().rewritten() - before.rewritten())
        .as("one per query, batch children included").isEqualTo(5);
  }

  @Test
  void should_give_simple_statements_with_positional_or_named_values_one_value_per_function() {
    fixture.session.execute("INSERT INTO " + functions() + " (" + COLUMNS + ") VALUES (?, ?, " + FUNCTIONS + ")", 4,
        1);
    fixture.session.execute(SimpleStatement.newInstance("INSERT INTO " + functions() + " (" + COLUMNS + ") VALUES "
        + "(:k, :c, " + FUNCTIONS + ")", Map.of("k", 4, "c", 2)));

    fixture.awaitMirrorsSettled();
    assertThat(fixture.assertBothSidesEqual("functions", COLUMNS, "a")).filteredOn(row -> row.startsWith("4|"))
        .hasSize(2);
  }

  @Test
  void should_mirror_a_call_inside_a_condition_as_it_is_and_count_it() {
    fixture.session.execute("INSERT INTO " + functions() + " (k, c, ts) VALUES (5, 1, '2020-01-01')");
    PreparedStatement conditional = fixture.session.prepare(
        "UPDATE " + functions() + " SET d = ? WHERE k = ? AND c = 1 IF ts < currentTimestamp()");
    FunctionRewriteCounts before = fixture.engine().functionRewrites();

    boolean applied = fixture.session.execute(conditional.bind(java.time.LocalDate.of(2024, 1, 1), 5)).wasApplied();

    assertThat(applied).isTrue();
    assertThat(fixture.engine().functionRewrites().notRewritable()).isEqualTo(before.notRewritable() + 1);
  }
}
