package io.tandem.validator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import io.tandem.validator.api.validate.CellDifference.Difference;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.api.validate.Validator;
import io.tandem.validator.api.validate.ValidatorBuilder;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LWTs as the mirror sends them by default ({@code lwt-copy = CONDITIONAL}: the same conditional write runs on each
 * cluster, which stamps it with its own Paxos time, whatever client timestamp it carries): equal values,
 * writetimes a few milliseconds apart. With a writetime tolerance the validator counts them as
 * WRITETIME_WITHIN_TOLERANCE; comparing writetimes without one, they are mismatches.
 */
@TandemClusters
class LwtWritetimeIT {

  private static final int ROWS = 5;
  private static boolean written;

  private ClusterPair clusters;

  @BeforeEach
  void writeLwtsOnBothClusters(ClusterPair clusters) {
    this.clusters = clusters;
    if (written) {
      return;
    }
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.lwt_rows");
    clusters.executeOnBoth("CREATE TABLE %s.lwt_rows (id int PRIMARY KEY, v text)");
    long clientTimestamp = 1_000_000L; // ignored by Cassandra for a conditional write, as the mirror's is
    for (int id = 0; id < ROWS; id++) {
      both("INSERT INTO %s.lwt_rows (id, v) VALUES (" + id + ", 'a') IF NOT EXISTS", clientTimestamp);
      both("UPDATE %s.lwt_rows SET v = 'b' WHERE id = " + id + " IF v = 'a'", clientTimestamp);
    }
    written = true;
  }

  private void both(String template, long timestamp) {
    SimpleStatement statement = SimpleStatement.newInstance(template.formatted(clusters.keyspace()))
        .setQueryTimestamp(timestamp);
    assertThat(clusters.sourceSession().execute(statement).wasApplied()).isTrue();
    assertThat(clusters.targetSession().execute(statement).wasApplied()).isTrue();
  }

  @Test
  void should_count_close_writetimes_in_their_own_category_with_a_tolerance() {
    ValidationReport report = validator().writetimeTolerance(Duration.ofSeconds(5)).build().validate();

    assertThat(report.total(MismatchKind.WRITETIME_WITHIN_TOLERANCE)).isEqualTo(ROWS);
    assertThat(report.totalMismatches()).isZero();
    assertThat(report.hasNoMismatches()).isTrue();
    assertThat(report.mismatches()).hasSize(ROWS).allSatisfy(mismatch -> {
      assertThat(mismatch.kind()).isEqualTo(MismatchKind.WRITETIME_WITHIN_TOLERANCE);
      assertThat(mismatch.cells()).singleElement()
          .satisfies(cell -> assertThat(cell.differences()).containsExactly(Difference.WRITETIME_WITHIN_TOLERANCE));
    });
  }

  @Test
  void should_report_writetime_mismatches_without_a_tolerance() {
    ValidationReport report = validator().compareWritetimes(true).build().validate();

    assertThat(report.total(MismatchKind.MISMATCH)).isEqualTo(ROWS);
    assertThat(report.total(MismatchKind.WRITETIME_WITHIN_TOLERANCE)).isZero();
    assertThat(report.mismatches()).hasSize(ROWS).allSatisfy(mismatch -> assertThat(mismatch.cells()).singleElement()
        .satisfies(cell -> assertThat(cell.differences()).containsExactly(Difference.WRITETIME)));
  }

  @Test
  void should_keep_a_tolerance_too_small_a_mismatch() {
    ValidationReport report = validator().writetimeTolerance(Duration.ZERO).build().validate();

    assertThat(report.total(MismatchKind.MISMATCH)).isEqualTo(ROWS);
  }

  private ValidatorBuilder validator() {
    return Validator.builder().withSource(clusters.sourceSession()).withTarget(clusters.targetSession())
        .forTable(clusters.keyspace(), "lwt_rows").withSplits(4).withRecheckDelay(Duration.ofMillis(100));
  }
}
