package io.tandem.core.it;

import static io.tandem.core.it.EngineFixture.integer;
import static io.tandem.core.it.EngineFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.mirror.PrimaryWrite;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@TandemClusters
class MirroredWritesIT {

  @TempDir static Path logDirectory;
  private static EngineFixture fixture;

  @BeforeAll
  static void start(ClusterPair clusters) {
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS %s.kv (k int PRIMARY KEY, v text)");
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS %s.landed (k int PRIMARY KEY, v text)");
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS %s.events (k int PRIMARY KEY, id timeuuid, at timestamp)");
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS %s.configured_off (k int PRIMARY KEY, v text)");
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS %s.audit_log (k int PRIMARY KEY, v text)");
    fixture = new EngineFixture(clusters).start(EngineFixture.quickConfig(logDirectory)
        .tableModes(Map.of(clusters.keyspace() + ".Configured_Off", MirrorMode.OFF))
        .primaryOnlyStatements(Pattern.compile("(?is)insert into \\w+\\.audit_log\\b.*"))
        .build());
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void should_land_on_the_target_with_the_source_values_and_writetime() {
    for (int k = 0; k < 50; k++) {
      fixture.write("INSERT INTO %s.landed (k, v) VALUES (?, ?)", integer(k), text("value " + k))
          .toCompletableFuture().join();
    }

    List<String> source = fixture.rows(Side.SOURCE, "landed");
    assertThat(source).hasSize(50);
    assertThat(fixture.rows(Side.TARGET, "landed")).isEqualTo(source);
  }

  @Test
  void should_mirror_batches_named_values_and_unset_values_identically() {
    String keyspace = fixture.clusters.keyspace();
    WriteCommand batch =
        WriteCommand.batch(DefaultBatchType.LOGGED)
            .addQuery(BoundQuery.of("INSERT INTO " + keyspace + ".kv (k, v) VALUES (?, ?)",
                List.of(integer(1001), text("batched"))))
            .addQuery(BoundQuery.ofNamed("UPDATE " + keyspace + ".kv SET v = :v WHERE k = :k",
                Map.of("k", integer(1002), "v", text("named"))))
            .addQuery(BoundQuery.of("INSERT INTO " + keyspace + ".kv (k, v) VALUES (1003, 'literal')"))
            .build();
    fixture.engine.write(batch, (primary, command) -> fixture.engine.executeOn(primary, command))
        .toCompletableFuture().join();
    // an unset value leaves the column as it was
    fixture.write("INSERT INTO %s.kv (k, v) VALUES (?, ?)", integer(1001), BoundQuery.UNSET)
        .toCompletableFuture().join();

    String query = "SELECT k, v, WRITETIME(v) FROM " + keyspace + ".kv WHERE k IN (1001, 1002, 1003)";
    List<String> source = render(fixture.clusters.sourceSession().execute(query).all());
    assertThat(source).hasSize(3).anyMatch(row -> row.startsWith("1001|batched|"));
    assertThat(render(fixture.clusters.targetSession().execute(query).all())).isEqualTo(source);
  }

  @Test
  void should_store_the_same_value_for_now_on_both_sides() {
    fixture.write("INSERT INTO %s.events (k, id, at) VALUES (1, now(), currentTimestamp())")
        .toCompletableFuture().join();

    String query = "SELECT id, at FROM " + fixture.clusters.keyspace() + ".events WHERE k = 1";
    Row source = fixture.clusters.sourceSession().execute(query).one();
    Row target = fixture.clusters.targetSession().execute(query).one();
    assertThat(source.getUuid("id")).isNotNull().isEqualTo(target.getUuid("id"));
    assertThat(source.getInstant("at")).isNotNull().isEqualTo(target.getInstant("at"));
  }

  @Test
  void should_give_the_caller_the_primary_answer_to_a_lightweight_transaction() {
    fixture.clusters.executeOnTarget("INSERT INTO %s.kv (k, v) VALUES (2001, 'already on target')");

    AsyncResultSet result =
        (AsyncResultSet) fixture.write("INSERT INTO %s.kv (k, v) VALUES (?, ?) IF NOT EXISTS",
            integer(2001), text("new")).toCompletableFuture().join();

    assertThat(result.wasApplied()).isTrue();
    assertThat(fixture.engine.failedWrites().pendingCount()).as("the target's copy was executed").isZero();
    assertThat(fixture.clusters.executeOnTarget("SELECT v FROM %s.kv WHERE k = 2001").one().getString(0))
        .isEqualTo("already on target");
  }

  @Test
  void should_leave_tables_whose_mode_is_off_alone() {
    fixture.engine.control().setMode(fixture.clusters.keyspace() + ".kv", MirrorMode.OFF);
    try {
      fixture.write("INSERT INTO %s.kv (k, v) VALUES (?, ?)", integer(3001), text("source only"))
          .toCompletableFuture().join();
    } finally {
      fixture.engine.control().setMode(fixture.clusters.keyspace() + ".kv", null);
    }

    assertOnlyOnSource("SELECT v FROM " + fixture.clusters.keyspace() + ".kv WHERE k = 3001");
  }

  @Test
  void should_leave_tables_configured_off_at_start_alone() {
    fixture.write("INSERT INTO %s.configured_off (k, v) VALUES (?, ?)", integer(1), text("source only"))
        .toCompletableFuture().join();

    assertOnlyOnSource("SELECT v FROM " + fixture.clusters.keyspace() + ".configured_off WHERE k = 1");
  }

  @Test
  void should_keep_writes_matching_the_primary_only_statements_on_the_primary() {
    fixture.write("INSERT INTO %s.audit_log (k, v) VALUES (?, ?)", integer(1), text("source only"))
        .toCompletableFuture().join();
    fixture.write("UPDATE %s.audit_log SET v = ? WHERE k = ?", text("mirrored"), integer(2))
        .toCompletableFuture().join();

    String keyspace = fixture.clusters.keyspace();
    assertOnlyOnSource("SELECT v FROM " + keyspace + ".audit_log WHERE k = 1");
    assertThat(fixture.clusters.targetSession().execute("SELECT v FROM " + keyspace + ".audit_log WHERE k = 2")
        .one()).isNotNull();
  }

  @Test
  void should_mirror_in_async_mode_a_write_whose_primary_answer_was_lost() throws InterruptedException {
    String keyspace = fixture.clusters.keyspace();
    fixture.engine.control().setMode(keyspace + ".kv", MirrorMode.ASYNC);
    try {
      CompletableFuture<Object> lost = writeAsync("INSERT INTO %s.kv (k, v) VALUES (?, ?)",
          (primary, command) -> fixture.engine.executeOn(primary, command).thenApply(applied -> {
            throw new ClosedConnectionException("the answer was lost with its connection");
          }), integer(4001), text("applied, answer lost"));
      CompletableFuture<Object> refused = writeAsync("INSERT INTO %s.kv (k, v) VALUES (?, ?)",
          (primary, command) -> CompletableFuture.failedFuture(new IllegalStateException("refused, never sent")),
          integer(4002), text("refused"));

      assertThat(lost).failsWithin(Duration.ofSeconds(10));
      assertThat(refused).failsWithin(Duration.ofSeconds(10));
      String query = "SELECT v, WRITETIME(v) FROM " + keyspace + ".kv WHERE k = 4001";
      Row source = fixture.clusters.sourceSession().execute(query).one();
      assertThat(eventuallyOnTarget(query)).as("the copy of a write the primary may have applied")
          .isNotNull().satisfies(target -> {
            assertThat(target.getString(0)).isEqualTo(source.getString(0));
            assertThat(target.getLong(1)).isEqualTo(source.getLong(1));
          });
      assertThat(fixture.clusters.targetSession().execute("SELECT v FROM " + keyspace + ".kv WHERE k = 4002").one())
          .as("a write the primary refused").isNull();
    } finally {
      fixture.engine.control().setMode(keyspace + ".kv", null);
    }
  }

  private static CompletableFuture<Object> writeAsync(String query, PrimaryWrite<Object> primary,
      ByteBuffer... values) {
    WriteCommand command = WriteCommand.builder(
        BoundQuery.of(query.replace("%s", fixture.clusters.keyspace()), List.of(values))).build();
    return fixture.engine.write(command, primary).toCompletableFuture();
  }

  private static Row eventuallyOnTarget(String query) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Row row = fixture.clusters.targetSession().execute(query).one();
    while (row == null && System.nanoTime() < deadline) {
      Thread.sleep(50);
      row = fixture.clusters.targetSession().execute(query).one();
    }
    return row;
  }

  private static void assertOnlyOnSource(String query) {
    assertThat(fixture.clusters.sourceSession().execute(query).one()).isNotNull();
    assertThat(fixture.clusters.targetSession().execute(query).one()).isNull();
  }

  private static List<String> render(List<Row> rows) {
    return rows.stream().map(row -> row.getInt(0) + "|" + row.getString(1) + "|" + row.getLong(2)).sorted().toList();
  }
}
