package io.tandem.validator.copy;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import io.tandem.validator.api.copy.ColumnFidelity;
import io.tandem.validator.api.copy.ColumnFidelity.Fidelity;
import io.tandem.validator.api.copy.CopyReport;
import io.tandem.validator.api.copy.TableCopier;
import io.tandem.validator.api.copy.TimestampStrategy;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A PRESERVE copy reproduces values, per-cell writetimes and TTLs of every kind of column. */
@TandemClusters
class TableCopyIT {

  private static final String ALL_CELLS =
      "k, c, s, WRITETIME(s), v, WRITETIME(v), n, WRITETIME(n), fl, WRITETIME(fl), fs, WRITETIME(fs), fm, "
          + "WRITETIME(fm), fu, WRITETIME(fu), ft, WRITETIME(ft), st, WRITETIME(st), m, WRITETIME(m), u, WRITETIME(u), l";
  private static final int WIDE_ROWS = 3000;

  private ClusterPair clusters;
  private String table;

  @BeforeEach
  void createTable(ClusterPair clusters) {
    this.clusters = clusters;
    this.table = clusters.keyspace() + ".history";
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.history");
    clusters.executeOnBoth("CREATE TYPE IF NOT EXISTS %s.address (street text, zip int)");
    clusters.executeOnBoth("CREATE TABLE %s.history (k int, c int, s text static, v text, n bigint, "
        + "fl frozen<list<int>>, fs frozen<set<text>>, fm frozen<map<text, int>>, fu frozen<address>, "
        + "ft frozen<tuple<int, text>>, l list<int>, st set<text>, m map<text, int>, u address, PRIMARY KEY (k, c))");
  }

  @Test
  void should_copy_every_kind_of_cell_with_its_writetime_and_ttl() {
    writeHistory(clusters.sourceSession());

    CopyReport report = TableCopier.builder()
        .withSource(clusters.sourceSession())
        .withTarget(clusters.targetSession())
        .forTable(clusters.keyspace(), "history")
        .withSplits(16)
        .withConcurrency(2)
        .build()
        .run();

    assertThat(report.complete()).isTrue();
    assertThat(report.failedRanges()).isEmpty();
    assertThat(report.rowsRead()).isEqualTo(WIDE_ROWS + 4);
    assertThat(TableSnapshot.read(clusters.targetSession(), table, ALL_CELLS))
        .hasSize(WIDE_ROWS + 4)
        .containsExactlyElementsOf(TableSnapshot.read(clusters.sourceSession(), table, ALL_CELLS));
    assertThat(fidelity(report, "l")).isEqualTo(Fidelity.APPROXIMATED);
    assertThat(fidelity(report, "st")).isEqualTo(Fidelity.EXACT);
    assertThat(fidelity(report, "u")).isEqualTo(Fidelity.EXACT);
    assertThat(fidelity(report, "v")).isEqualTo(Fidelity.EXACT);
  }

  @Test
  void should_keep_the_remaining_ttl_of_each_cell() {
    writeHistory(clusters.sourceSession());

    TableCopier.builder().withSource(clusters.sourceSession()).withTarget(clusters.targetSession())
        .forTable(clusters.keyspace(), "history").withSplits(8).build().run();

    Row source = clusters.executeOnSource("SELECT TTL(v), TTL(st), TTL(u), TTL(n) FROM %s.history WHERE k = 2 AND c = 1").one();
    Row target = clusters.executeOnTarget("SELECT TTL(v), TTL(st), TTL(u), TTL(n) FROM %s.history WHERE k = 2 AND c = 1").one();
    assertThat(target.getInt(0)).isBetween(source.getInt(0) - 60, source.getInt(0) + 5);
    assertThat(target.getList(1, Integer.class)).hasSameSizeAs(source.getList(1, Integer.class));
    assertThat(target.getList(1, Integer.class).get(0)).isNull();
    assertThat(target.getList(1, Integer.class).get(1)).isBetween(3000, 3605);
    assertThat(target.getList(2, Integer.class).get(1)).isBetween(3000, 3605);
    assertThat(target.isNull(3)).isTrue();
    assertThat(clusters.executeOnTarget("SELECT TTL(l) FROM %s.history WHERE k = 2 AND c = 1").one()
        .getList(0, Integer.class)).containsOnly((Integer) null);
  }

  /** Source history: a wide partition with a static, a row with every column, a static-only and a pk-only row. */
  private void writeHistory(CqlSession session) {
    String ks = clusters.keyspace();
    PreparedStatement wide =
        session.prepare("INSERT INTO " + ks + ".history (k, c, v) VALUES (1, ?, ?) USING TIMESTAMP ?");
    for (int start = 0; start < WIDE_ROWS; start += 100) {
      BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
      for (int c = start; c < start + 100; c++) {
        batch.addStatement(wide.bind(c, "value " + c, 1_000L + c));
      }
      session.execute(batch.build());
    }
    session.execute("INSERT INTO " + ks + ".history (k, s) VALUES (1, 'wide static') USING TIMESTAMP 500");
    session.execute("INSERT INTO " + ks + ".history (k, c, s, v, n, fl, fs, fm, fu, ft, l, st, m, u) VALUES "
        + "(2, 1, 'static two', 'old', 42, [1, 2], {'a', 'b'}, {'x': 1}, {street: 'main', zip: 1}, (7, 'seven'), "
        + "[1, 2], {'a'}, {'x': 1}, {street: 'main', zip: 1}) USING TIMESTAMP 2000");
    session.execute("UPDATE " + ks + ".history USING TIMESTAMP 3000 AND TTL 3600 SET v = 'newer', "
        + "st = st + {'b'}, m = m + {'y': 2}, u.zip = 99, l = l + [3] WHERE k = 2 AND c = 1");
    session.execute("INSERT INTO " + ks + ".history (k, s) VALUES (3, 'only static') USING TIMESTAMP 4000");
    session.execute("INSERT INTO " + ks + ".history (k, c) VALUES (4, 1)");
    session.execute("INSERT INTO " + ks + ".history (k, c, u) VALUES (5, 1, {zip: 7}) USING TIMESTAMP 5000");
  }

  private static Fidelity fidelity(CopyReport report, String column) {
    List<ColumnFidelity> columns = report.columns();
    return columns.stream().filter(entry -> entry.column().equals(column)).findFirst().orElseThrow().fidelity();
  }
}
