package io.tandem.validator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import io.tandem.validator.api.validate.CountReport;
import io.tandem.validator.api.validate.SampleReport;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.api.validate.Validator;
import io.tandem.validator.api.validate.ValidatorBuilder;
import io.tandem.validator.testing.ValidationAssertions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Equal and diverged tables: full validation, counts and sampling. */
@TandemClusters
class CountSampleIT {

  private static boolean created;
  private ClusterPair clusters;

  @BeforeEach
  void createTables(ClusterPair clusters) {
    this.clusters = clusters;
    if (created) {
      return;
    }
    for (String table : List.of("same", "diverged")) {
      clusters.executeOnBoth("DROP TABLE IF EXISTS %s." + table);
      clusters.executeOnBoth("CREATE TABLE %s." + table + " (k int, c int, v text, PRIMARY KEY (k, c))");
    }
    write("same", 500, 0, row -> "v" + row, row -> "v" + row);
    // every row of every other partition differs (sampling reads first rows), and the source has 10 rows more
    write("diverged", 400, 10, row -> "v" + row, row -> row / 4 % 2 == 0 ? "v" + row : "other" + row);
    created = true;
  }

  private interface Value {
    String of(int row);
  }

  private void write(String table, int rows, int extraOnSource, Value sourceValue, Value targetValue) {
    String insert = "INSERT INTO " + clusters.keyspace() + "." + table + " (k, c, v) VALUES (?, ?, ?) USING TIMESTAMP 1000";
    PreparedStatement onSource = clusters.sourceSession().prepare(insert);
    PreparedStatement onTarget = clusters.targetSession().prepare(insert);
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (int row = 0; row < rows + extraOnSource; row++) {
      writes.add(clusters.sourceSession().executeAsync(onSource.bind(row / 4, row % 4, sourceValue.of(row)))
          .toCompletableFuture());
      if (row < rows) {
        writes.add(clusters.targetSession().executeAsync(onTarget.bind(row / 4, row % 4, targetValue.of(row)))
            .toCompletableFuture());
      }
      if (writes.size() >= 200) {
        writes.forEach(CompletableFuture::join);
        writes.clear();
      }
    }
    writes.forEach(CompletableFuture::join);
  }

  private ValidatorBuilder validator(List<String> tables) {
    return Validator.builder().withSource(clusters.sourceSession()).withTarget(clusters.targetSession())
        .forTables(clusters.keyspace(), tables).withSplits(16).withRecheckDelay(Duration.ofMillis(200));
  }

  @Test
  void should_find_no_mismatches_in_equal_tables_and_count_metrics() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    ValidationReport report = validator(List.of("same")).withMeterRegistry(registry)
        .withProgress(new PrintStream(console, true, StandardCharsets.UTF_8)).build().validate();

    ValidationAssertions.assertThat(report).hasNoMismatches().hasNoMissingRows();
    assertThat(report.table(clusters.keyspace() + ".same").rowsCompared()).isEqualTo(500);
    assertThat(report.table(clusters.keyspace() + ".same").sourceRows()).isEqualTo(500);
    assertThat(registry.find("tandem.validate.rows").tag("side", "target").counter().count()).isEqualTo(500.0);
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("SAME DATA");
  }

  @Test
  void should_count_rows_on_both_sides() {
    CountReport counts = validator(List.of("same", "diverged")).build().count();

    assertThat(counts.table(clusters.keyspace() + ".same").sourceRows()).isEqualTo(500);
    assertThat(counts.table(clusters.keyspace() + ".same").matches()).isTrue();
    assertThat(counts.table(clusters.keyspace() + ".diverged").sourceRows()).isEqualTo(410);
    assertThat(counts.table(clusters.keyspace() + ".diverged").targetRows()).isEqualTo(400);
    assertThat(counts.matches()).isFalse();
  }

  @Test
  void should_sample_equal_tables_with_a_rule_of_three_bound() {
    SampleReport sample = validator(List.of("same")).build().sample(300);

    assertThat(sample.samples()).isEqualTo(300);
    assertThat(sample.mismatches()).isZero();
    assertThat(sample.mismatchRateUpperBound()).isCloseTo(0.01, within(1e-9));
  }

  @Test
  void should_sample_a_diverged_table_and_find_mismatches() {
    SampleReport sample = validator(List.of("diverged")).build().sample(100);

    assertThat(sample.mismatches()).isPositive();
    assertThat(sample.mismatchRateUpperBound()).isGreaterThan(0.2);
    assertThat(sample.table(clusters.keyspace() + ".diverged").examples()).isNotEmpty();
  }

  @Test
  void should_stop_a_cancelled_validation_at_once_and_run_the_next_one_in_full() {
    Validator validator = validator(List.of("same", "diverged")).build();

    validator.cancel(); // no validation runs yet: the next one is cancelled, however early it comes
    ValidationReport cancelled = validator.validate();
    ValidationReport full = validator.validate();

    assertThat(cancelled.cancelled()).isTrue();
    assertThat(cancelled.hasNoMismatches()).as("a cancelled validation proves nothing").isFalse();
    assertThat(cancelled.tables()).hasSize(1);
    assertThat(cancelled.totalRowsCompared()).isZero();
    assertThat(full.cancelled()).isFalse();
    assertThat(full.table(clusters.keyspace() + ".same").rowsCompared()).isEqualTo(500);
    assertThat(full.table(clusters.keyspace() + ".diverged").realMismatches()).isEqualTo(210);
  }

  @Test
  void should_validate_every_table_of_a_keyspace_each_on_its_own() {
    ValidationReport report = Validator.builder().withSource(clusters.sourceSession())
        .withTarget(clusters.targetSession()).forKeyspace(clusters.keyspace()).withSplits(8)
        .withRecheckDelay(Duration.ofMillis(200)).build().validate();

    assertThat(report.table(clusters.keyspace() + ".same").hasNoMismatches()).isTrue();
    assertThat(report.table(clusters.keyspace() + ".diverged").realMismatches()).isEqualTo(210);
  }
}
