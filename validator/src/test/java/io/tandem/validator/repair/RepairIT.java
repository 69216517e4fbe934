package io.tandem.validator.repair;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import io.tandem.validator.api.repair.RepairAction.Kind;
import io.tandem.validator.api.repair.RepairReport;
import io.tandem.validator.api.repair.Repairer;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.api.validate.Validator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted divergence, validated into a ledger, then repaired: only source cells newer than the target's are
 * written (at their own writetime), target-newer cells and target-only rows are left alone unless asked.
 */
@TandemClusters
class RepairIT {

  private final ClusterPair clusters;
  private String table;

  RepairIT(ClusterPair clusters) {
    this.clusters = clusters;
  }

  @BeforeEach
  void createDivergence(org.junit.jupiter.api.TestInfo info) {
    String name = info.getTestMethod().orElseThrow().getName().toLowerCase().replace("should_", "t_");
    table = clusters.keyspace() + "." + name.substring(0, Math.min(40, name.length()));
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS " + table
        + " (id int, c int, name text, tags set<text>, s int static, PRIMARY KEY (id, c))");
    for (int id = 0; id < 20; id++) {
      clusters.executeOnBoth("INSERT INTO " + table + " (id, c, name, tags) VALUES (" + id + ", 1, 'n" + id
          + "', {'a'}) USING TIMESTAMP 1000");
    }
    // 50: missing on the target (never written there; a target tombstone would rightly shadow the repair)
    clusters.executeOnSource("INSERT INTO " + table + " (id, c, name) VALUES (50, 1, 'n50') USING TIMESTAMP 1000");
    // 2: source newer → repaired at the source's writetime
    clusters.executeOnSource("UPDATE " + table + " USING TIMESTAMP 2000 SET name = 'fresh' WHERE id = 2 AND c = 1");
    // 3: target newer → kept
    clusters.executeOnTarget("UPDATE " + table + " USING TIMESTAMP 3000 SET name = 'newer' WHERE id = 3 AND c = 1");
    // 4: only on the target
    clusters.executeOnTarget("INSERT INTO " + table + " (id, c, name) VALUES (100, 1, 'stray') USING TIMESTAMP 1500");
    // 5: source deleted the cell (tombstone time unreadable) → left alone
    clusters.executeOnSource("DELETE name FROM " + table + " USING TIMESTAMP 1200 WHERE id = 5 AND c = 1");
    // 6: set element added on the source → written per element at its own writetime
    clusters.executeOnSource("UPDATE " + table + " USING TIMESTAMP 2500 SET tags = tags + {'b'} WHERE id = 6 AND c = 1");
  }

  @Test
  void should_write_only_newer_source_cells_at_their_own_writetime(@TempDir Path reports) {
    ValidationReport before = validate(reports);
    assertThat(before.total(MismatchKind.MISSING_IN_TARGET)).isEqualTo(1);
    assertThat(before.total(MismatchKind.MISSING_IN_SOURCE)).isEqualTo(1);
    assertThat(before.total(MismatchKind.MISMATCH)).isEqualTo(4);

    RepairReport repair = Repairer.builder().withSource(clusters.sourceSession()).withTarget(clusters.targetSession())
        .fromLedger(before.ledger().orElseThrow()).build().run();

    assertThat(repair.counts().get(Kind.WRITE_CELLS)).isEqualTo(3);
    assertThat(repair.counts().get(Kind.SKIPPED_TARGET_NEWER)).isEqualTo(1);
    assertThat(repair.counts().get(Kind.SKIPPED_SOURCE_ABSENT)).isEqualTo(1);
    assertThat(repair.counts().get(Kind.SKIPPED_TARGET_ONLY_ROW)).isEqualTo(1);
    assertThat(repair.counts().get(Kind.DELETE_ROW)).isZero();
    assertThat(cell(clusters.targetSession(), 2)).isEqualTo("fresh@2000");
    assertThat(cell(clusters.targetSession(), 3)).isEqualTo("newer@3000");
    assertThat(cell(clusters.targetSession(), 50)).isEqualTo("n50@1000");
    assertThat(tags(clusters.targetSession(), 6)).isEqualTo(tags(clusters.sourceSession(), 6));

    ValidationReport after = validate(reports.resolve("after"));
    assertThat(after.total(MismatchKind.MISSING_IN_TARGET)).isZero();
    assertThat(after.total(MismatchKind.MISSING_IN_SOURCE)).isEqualTo(1);
    assertThat(after.total(MismatchKind.MISMATCH)).isEqualTo(2);
  }

  @Test
  void should_plan_without_writing_on_a_dry_run(@TempDir Path reports) {
    ValidationReport before = validate(reports);

    RepairReport plan = Repairer.builder().withSource(clusters.sourceSession()).withTarget(clusters.targetSession())
        .fromReport(before).withDryRun(true).withDeleteTargetOnlyRows(true).build().run();

    assertThat(plan.dryRun()).isTrue();
    assertThat(plan.changes()).extracting(action -> action.kind()).containsOnly(Kind.WRITE_CELLS, Kind.DELETE_ROW);
    assertThat(plan.changes()).hasSize(4);
    assertThat(cell(clusters.targetSession(), 2)).isEqualTo("n2@1000");
    assertThat(clusters.targetSession().execute("SELECT * FROM " + table + " WHERE id = 100").one()).isNotNull();
  }

  @Test
  void should_delete_target_only_rows_when_asked(@TempDir Path reports) {
    ValidationReport before = validate(reports);

    RepairReport repair = Repairer.builder().withSource(clusters.sourceSession()).withTarget(clusters.targetSession())
        .fromReport(before).withDeleteTargetOnlyRows(true).build().run();

    assertThat(repair.counts().get(Kind.DELETE_ROW)).isEqualTo(1);
    assertThat(clusters.targetSession().execute("SELECT * FROM " + table + " WHERE id = 100").one()).isNull();
    // deleted at the row's newest writetime: a later write to the same row survives
    clusters.executeOnTarget("INSERT INTO " + table + " (id, c, name) VALUES (100, 1, 'later') USING TIMESTAMP 1501");
    assertThat(cell(clusters.targetSession(), 100)).isEqualTo("later@1501");
  }

  private ValidationReport validate(Path reports) {
    String[] parts = table.split("\\.");
    return Validator.builder().withSource(clusters.sourceSession()).withTarget(clusters.targetSession())
        .forTable(parts[0], parts[1]).withSplits(8).withRecheckDelay(Duration.ofMillis(100))
        .withReportDirectory(reports).build().validate();
  }

  private String cell(CqlSession session, int id) {
    Row row = session.execute("SELECT name, WRITETIME(name) AS written FROM " + table + " WHERE id = " + id
        + " AND c = 1").one();
    return row == null ? null : row.getString("name") + "@" + row.getLong("written");
  }

  private String tags(CqlSession session, int id) {
    Row row = session.execute("SELECT tags, WRITETIME(tags) AS written FROM " + table + " WHERE id = " + id
        + " AND c = 1").one();
    return row.getSet("tags", String.class) + "@" + row.getList("written", Long.class);
  }
}
