package io.tandem.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultProtocolVersion;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.data.UdtValue;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.LwtCopyMode;
import io.tandem.core.testing.QuickMirrorConfig;
import io.tandem.driver.api.DualWriteCqlSession;
import io.tandem.testkit.CassandraVersion;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.EmbeddedCassandraCluster;
import io.tandem.testkit.TandemClusters;
import io.tandem.validator.api.copy.CopyReport;
import io.tandem.validator.api.copy.TableCopier;
import io.tandem.validator.api.copy.TimestampStrategy;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.api.validate.Validator;
import io.tandem.validator.testing.ValidationAssertions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration path from the source version this test JVM runs ({@code tandem.testkit.source.version}: 4.1 by
 * default, each other line with {@code -Pmatrix}) into a 5.0 target (and, with {@code -Pmatrix}, a 5.0 source into
 * a 4.1 target, the rollback direction): dual writes through {@link
 * DualWriteCqlSession} (simple, prepared, batch; a frozen set, map and UDT), a PRESERVE copy of the history, then a
 * full validation; the same for non-frozen collections, whose writetimes clusters before 5.0 cannot read; and
 * statements with a per-request keyspace and LWTs on clusters spoken to over protocol v4.
 */
@TandemClusters
class SourceVersionSmokeIT {

  private static final Logger LOG = LoggerFactory.getLogger(SourceVersionSmokeIT.class);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final long HISTORY_WRITETIME = 1_000L;

  @TempDir Path failedWrites;

  @Test
  void should_dual_write_copy_and_validate_across_versions(ClusterPair clusters) {
    String table = clusters.keyspace() + ".items";
    logVersions(clusters);
    clusters.executeOnBoth("CREATE TYPE %s.address (street text, zip int)");
    clusters.executeOnBoth("CREATE TABLE %s.items (k int, c int, v text, tags frozen<set<text>>, "
        + "attrs frozen<map<text, int>>, home frozen<address>, PRIMARY KEY (k, c))");
    for (int k = 100; k < 110; k++) {
      clusters.executeOnSource("INSERT INTO %s.items (k, c, v, tags, attrs, home) VALUES (" + k + ", 1, 'history', "
          + "{'old'}, {'a': 1}, {street: 'main', zip: " + k + "}) USING TIMESTAMP " + HISTORY_WRITETIME);
    }

    dualWrite(clusters, table);
    assertThat(rows(clusters.targetSession(), table, k -> k < 100))
        .as("dual writes, with their write times, on the target")
        .hasSize(4)
        .containsExactlyElementsOf(rows(clusters.sourceSession(), table, k -> k < 100));

    CopyReport copy = TableCopier.builder().withSource(clusters.sourceSession()).withTarget(clusters.targetSession())
        .forTable(clusters.keyspace(), "items").withSplits(8).withTimestampStrategy(TimestampStrategy.PRESERVE)
        .build().run();
    assertThat(copy.complete()).isTrue();
    assertThat(rows(clusters.targetSession(), table, k -> k >= 100))
        .as("the history copied with its write time")
        .hasSize(10)
        .allMatch(row -> row.contains("|history|[old]|{a=1}|") && row.endsWith("|" + HISTORY_WRITETIME));

    ValidationReport report = Validator.builder().withSource(clusters.sourceSession())
        .withTarget(clusters.targetSession()).forTable(clusters.keyspace(), "items").withSplits(8).build().validate();
    ValidationAssertions.assertThat(report).hasNoMismatches().hasNoMissingRows();
    assertThat(report.totalRowsCompared()).isEqualTo(14);
  }

  @Test
  void should_copy_and_validate_non_frozen_collections_across_versions(ClusterPair clusters) {
    String table = clusters.keyspace() + ".bags";
    clusters.executeOnBoth("CREATE TABLE %s.bags (k int PRIMARY KEY, v text, names list<text>, ids set<int>, "
        + "counts map<text, int>)");
    for (int k = 100; k < 110; k++) {
      clusters.executeOnSource("INSERT INTO %s.bags (k, v, names, ids, counts) VALUES (" + k + ", 'history', "
          + "['a', 'b'], {1, " + k + "}, {'n': " + k + "}) USING TIMESTAMP " + HISTORY_WRITETIME);
    }
    dualWriteCollections(clusters, table);
    assertThat(bags(clusters.targetSession(), table, k -> k < 100)).as("dual writes on the target").hasSize(2)
        .containsExactlyElementsOf(bags(clusters.sourceSession(), table, k -> k < 100));

    CopyReport copy = TableCopier.builder().withSource(clusters.sourceSession()).withTarget(clusters.targetSession())
        .forTable(clusters.keyspace(), "bags").withSplits(8).withTimestampStrategy(TimestampStrategy.PRESERVE)
        .build().run();
    assertThat(copy.complete()).isTrue();
    assertThat(bags(clusters.targetSession(), table, k -> k >= 100)).as("the history copied").hasSize(10)
        .containsExactlyElementsOf(bags(clusters.sourceSession(), table, k -> k >= 100));
    if (clusters.target().version().isAtLeast(CassandraVersion.V5_0)) {
      // from any source version, the collections' cells carry the history's writetime
      Row history = clusters.targetSession().execute("SELECT WRITETIME(names), WRITETIME(ids), WRITETIME(counts) FROM "
          + table + " WHERE k = 100").one();
      for (int index = 0; index < 3; index++) {
        assertThat(history.getList(index, Long.class)).containsOnly(HISTORY_WRITETIME);
      }
    }

    ValidationReport report = Validator.builder().withSource(clusters.sourceSession())
        .withTarget(clusters.targetSession()).forTable(clusters.keyspace(), "bags").withSplits(8)
        .compareWritetimes(true).build().validate();
    ValidationAssertions.assertThat(report).hasNoMismatches().hasNoMissingRows();
    assertThat(report.totalRowsCompared()).isEqualTo(12);
  }

  /**
   * The application runs statements with a per-request keyspace (protocol v5) and LWTs; the target is spoken to
   * over v4, as Cassandra 3.11, ScyllaDB and Astra are, and so is a 3.11 source: the session writes the keyspace
   * into the text for them, for the copies, and for the application's own requests once the target is primary.
   */
  @Test
  void should_run_per_request_keyspace_and_lwt_statements_on_clusters_on_protocol_v4(ClusterPair clusters) {
    clusters.executeOnBoth("CREATE TABLE %s.scoped (k int PRIMARY KEY, v text)");
    CqlIdentifier keyspace = CqlIdentifier.fromInternal(clusters.keyspace());
    try (CqlSession target = overV4(clusters.target());
        DualWriteCqlSession session = DualWriteCqlSession.builder()
            .withSource(clusters.source().testSessionBuilder(REQUEST_TIMEOUT)).withTarget(target)
            .withMirrorConfig(QuickMirrorConfig.builder(failedWrites)
                .lwtCopy(LwtCopyMode.UNCONDITIONAL_AT_PRIMARY_WRITETIME).build())
            .build()) {
      assertThat(target.getContext().getProtocolVersion()).isEqualTo(DefaultProtocolVersion.V4);
      session.execute(scoped("INSERT INTO scoped (k, v) VALUES (1, 'simple')", keyspace));
      PreparedStatement insert = session.prepare(scoped("INSERT INTO scoped (k, v) VALUES (?, ?)", keyspace));
      session.execute(insert.bind(2, "prepared"));
      session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
              SimpleStatement.newInstance("INSERT INTO scoped (k, v) VALUES (3, 'batch')"), insert.bind(4, "batch"))
          .setKeyspace(keyspace));
      assertThat(session.execute(scoped("UPDATE scoped SET v = 'lwt' WHERE k = 1 IF v = 'simple'", keyspace))
          .wasApplied()).isTrue();
      assertThat(session.execute(scoped("INSERT INTO scoped (k, v) VALUES (1, 'again') IF NOT EXISTS", keyspace))
          .wasApplied()).isFalse();

      session.migration().routeReadsTo(Side.TARGET);
      session.migration().makePrimary(Side.TARGET);
      session.execute(scoped("INSERT INTO scoped (k, v) VALUES (5, 'target primary')", keyspace));
      PreparedStatement select = session.prepare(scoped("SELECT v FROM scoped WHERE k = ?", keyspace));
      session.execute(session.prepare(scoped("INSERT INTO scoped (k, v) VALUES (?, ?)", keyspace))
          .bind(6, "prepared on the target"));
      assertThat(session.execute(select.bind(6)).one().getString(0)).isEqualTo("prepared on the target");
      assertThat(session.execute(scoped("SELECT v FROM scoped WHERE k = 5", keyspace)).one().getString(0))
          .isEqualTo("target primary");
    }

    List<String> source = KeyValueRows.withWritetimes(clusters.sourceSession(), clusters.keyspace() + ".scoped");
    assertThat(source).hasSize(6).anyMatch(row -> row.startsWith("1|lwt|"));
    assertThat(KeyValueRows.withWritetimes(clusters.targetSession(), clusters.keyspace() + ".scoped"))
        .as("values and write times on the target").containsExactlyElementsOf(source);
  }

  private static SimpleStatement scoped(String query, CqlIdentifier keyspace) {
    return SimpleStatement.newInstance(query).setKeyspace(keyspace);
  }

  private static CqlSession overV4(EmbeddedCassandraCluster cluster) {
    return cluster.sessionBuilder().withConfigLoader(DriverConfigLoader.programmaticBuilder()
        .withString(DefaultDriverOption.PROTOCOL_VERSION, "V4")
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT).build()).build();
  }

  /** A session writing both clusters with the tests' quick mirror settings; failed writes go to this test's folder. */
  private DualWriteCqlSession dualSession(ClusterPair clusters) {
    return DualWriteCqlSession.builder()
        .withSource(clusters.source().testSessionBuilder(REQUEST_TIMEOUT))
        .withTarget(clusters.target().testSessionBuilder(REQUEST_TIMEOUT))
        .withMirrorConfig(QuickMirrorConfig.builder(failedWrites).build())
        .build();
  }

  /** Sets and maps only: a list rewritten by the copy over a dual-written one would repeat its elements. */
  private void dualWriteCollections(ClusterPair clusters, String table) {
    try (DualWriteCqlSession session = dualSession(clusters)) {
      session.execute("INSERT INTO " + table + " (k, v, ids, counts) VALUES (1, 'simple', {1}, {'a': 1})");
      session.execute(session.prepare("INSERT INTO " + table + " (k, v) VALUES (?, ?)").bind(2, "prepared"));
      session.execute(session.prepare("UPDATE " + table + " SET ids = ids + ?, counts = counts + ? WHERE k = ?")
          .bind(Set.of(2, 3), Map.of("b", 2), 2));
    }
  }

  /** The rows of some partitions of the collections table as "k|v|names|ids|counts|writetime(v)", sorted. */
  private static List<String> bags(CqlSession session, String table, IntPredicate partitions) {
    List<String> rows = new ArrayList<>();
    for (Row row : session.execute("SELECT k, v, names, ids, counts, WRITETIME(v) FROM " + table)) {
      if (partitions.test(row.getInt(0))) {
        rows.add(row.getInt(0) + "|" + row.getString(1) + "|" + row.getObject(2) + "|" + row.getObject(3) + "|"
            + row.getObject(4) + "|" + row.getLong(5));
      }
    }
    rows.sort(null);
    return rows;
  }

  private void dualWrite(ClusterPair clusters, String table) {
    try (DualWriteCqlSession session = dualSession(clusters)) {
      session.execute("INSERT INTO " + table + " (k, c, v) VALUES (1, 1, 'simple')");
      PreparedStatement insert = session.prepare("INSERT INTO " + table + " (k, c, v) VALUES (?, ?, ?)");
      session.execute(insert.bind(2, 1, "prepared"));
      session.execute(session.prepare("UPDATE " + table + " SET tags = ?, attrs = ? WHERE k = ? AND c = ?")
          .bind(Set.of("x", "y"), Map.of("n", 2), 2, 1));
      session.execute("UPDATE " + table + " SET home = {street: 'simple', zip: 1} WHERE k = 1 AND c = 1");
      session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
          SimpleStatement.newInstance("INSERT INTO " + table + " (k, c, v) VALUES (3, 1, 'batch')"),
          insert.bind(3, 2, "batch")));
    }
  }

  /** The rows of some partitions as "k|c|v|writetime", sorted, read from one cluster directly. */
  private static List<String> rows(CqlSession session, String table, IntPredicate partitions) {
    List<String> rows = new ArrayList<>();
    for (Row row : session.execute("SELECT k, c, v, tags, attrs, home, WRITETIME(v) FROM " + table)) {
      if (partitions.test(row.getInt(0))) {
        rows.add(row.getInt(0) + "|" + row.getInt(1) + "|" + row.getString(2) + "|" + row.getObject(3) + "|"
            + row.getObject(4) + "|" + address(row.getUdtValue(5)) + "|" + row.getLong(6));
      }
    }
    rows.sort(null);
    return rows;
  }

  private static String address(UdtValue home) {
    return home == null ? "-" : home.getString("street") + "/" + home.getInt("zip");
  }

  private static void logVersions(ClusterPair clusters) {
    String source = release(clusters.sourceSession());
    String target = release(clusters.targetSession());
    LOG.info("Source Cassandra {} (protocol {}), target Cassandra {} (protocol {})", source,
        clusters.sourceSession().getContext().getProtocolVersion(), target,
        clusters.targetSession().getContext().getProtocolVersion());
    assertThat(source).isEqualTo(clusters.source().version().release());
    assertThat(target).isEqualTo(clusters.target().version().release());
  }

  private static String release(CqlSession session) {
    return session.execute("SELECT release_version FROM system.local").one().getString(0);
  }
}
