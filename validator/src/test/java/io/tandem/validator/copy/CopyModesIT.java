package io.tandem.validator.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import io.tandem.validator.api.copy.CopyReport;
import io.tandem.validator.api.copy.CounterMode;
import io.tandem.validator.api.copy.TableCopier;
import io.tandem.validator.api.copy.TimestampStrategy;
import io.tandem.validator.api.range.RangeListener;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backdating, resuming from a checkpoint, dry runs and counters. */
@TandemClusters
class CopyModesIT {

  @TempDir Path checkpoints;
  private ClusterPair clusters;

  @BeforeEach
  void keep(ClusterPair clusters) {
    this.clusters = clusters;
  }

  @Test
  void should_backdate_every_write_and_never_overwrite_a_newer_target_row() {
    createSimpleTable("backdated", 50);
    long backdate = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
    clusters.executeOnTarget("INSERT INTO %s.backdated (k, v) VALUES (7, 'live') USING TIMESTAMP " + (backdate + 1000));

    CopyReport report = copier("backdated").withTimestampStrategy(TimestampStrategy.BACKDATE)
        .withBackdateTimestamp(backdate).build().run();

    assertThat(report.complete()).isTrue();
    assertThat(report.backdateTimestamp()).hasValue(backdate);
    for (Row row : clusters.executeOnTarget("SELECT k, v, WRITETIME(v) FROM %s.backdated")) {
      if (row.getInt("k") == 7) {
        assertThat(row.getString("v")).isEqualTo("live");
      } else {
        assertThat(row.getLong(2)).isEqualTo(backdate);
      }
    }
    assertThat(clusters.executeOnTarget("SELECT k FROM %s.backdated").all()).hasSize(50);
  }

  @Test
  void should_resume_a_cancelled_copy_from_its_checkpoint() {
    createSimpleTable("resumed", 2000);
    AtomicReference<TableCopier> running = new AtomicReference<>();
    AtomicLong rows = new AtomicLong();
    RangeListener cancelAfterSomeRows = new RangeListener() {
      @Override
      public void progressed(BigInteger tokens, long count) {
        if (rows.addAndGet(count) >= 300) {
          running.get().cancel();
        }
      }
    };
    TableCopier first = copier("resumed").withSplits(32).withConcurrency(2).withMaxRowsPerSecond(400)
        .withCheckpointDirectory(checkpoints).withRangeListener(cancelAfterSomeRows).build();
    running.set(first);

    CopyReport cancelled = first.run();
    CopyReport resumed = copier("resumed").withSplits(32).withCheckpointDirectory(checkpoints).build().run();
    CopyReport again = copier("resumed").withCheckpointDirectory(checkpoints).build().run();

    assertThat(cancelled.cancelled()).isTrue();
    assertThat(cancelled.complete()).isFalse();
    assertThat(resumed.resumed()).isTrue();
    assertThat(resumed.complete()).isTrue();
    assertThat(resumed.rowsRead()).isLessThan(2000).isGreaterThanOrEqualTo(2000 - cancelled.rowsRead());
    assertThat(TableSnapshot.read(clusters.targetSession(), clusters.keyspace() + ".resumed", "k, v, WRITETIME(v)"))
        .containsExactlyElementsOf(
            TableSnapshot.read(clusters.sourceSession(), clusters.keyspace() + ".resumed", "k, v, WRITETIME(v)"));
    assertThat(again.complete()).isTrue();
    assertThat(again.rowsRead()).isZero();
  }

  @Test
  void should_refuse_to_resume_a_checkpoint_made_with_another_strategy() {
    createSimpleTable("strategies", 5);
    copier("strategies").withCheckpointDirectory(checkpoints).build().run();

    assertThatThrownBy(() -> copier("strategies").withCheckpointDirectory(checkpoints)
        .withTimestampStrategy(TimestampStrategy.BACKDATE).build().run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PRESERVE")
        .hasMessageContaining("delete the checkpoint");
  }

  @Test
  void should_write_nothing_on_a_dry_run() {
    createSimpleTable("dry", 10);

    CopyReport report = copier("dry").withDryRun(true).build().run();

    assertThat(report.dryRun()).isTrue();
    assertThat(report.rowsRead()).isEqualTo(10);
    assertThat(report.writesIssued()).isEqualTo(10);
    assertThat(clusters.executeOnTarget("SELECT k FROM %s.dry").all()).isEmpty();
  }

  @Test
  void should_refuse_a_counter_table_unless_told_to_add_the_difference() {
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.counts");
    clusters.executeOnBoth("CREATE TABLE %s.counts (k int PRIMARY KEY, hits counter, misses counter)");
    for (int k = 1; k <= 10; k++) {
      clusters.executeOnSource("UPDATE %s.counts SET hits = hits + " + k + ", misses = misses + " + 2 * k
          + " WHERE k = " + k);
    }
    clusters.executeOnTarget("UPDATE %s.counts SET hits = hits + 100 WHERE k = 1");
    clusters.executeOnTarget("UPDATE %s.counts SET hits = hits + 2, misses = misses + 4 WHERE k = 2");

    assertThatThrownBy(() -> copier("counts").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ADD_DIFFERENCE");
    CopyReport report = copier("counts").withCounterMode(CounterMode.ADD_DIFFERENCE).build().run();

    assertThat(report.complete()).isTrue();
    assertThat(report.rowsSkipped()).isEqualTo(1);
    assertThat(TableSnapshot.read(clusters.targetSession(), clusters.keyspace() + ".counts", "k, hits, misses"))
        .hasSize(10)
        .containsExactlyElementsOf(
            TableSnapshot.read(clusters.sourceSession(), clusters.keyspace() + ".counts", "k, hits, misses"));
  }

  private void createSimpleTable(String name, int rows) {
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s." + name);
    clusters.executeOnBoth("CREATE TABLE %s." + name + " (k int PRIMARY KEY, v text)");
    for (int k = 0; k < rows; k++) {
      clusters.executeOnSource("INSERT INTO %s." + name + " (k, v) VALUES (" + k + ", 'v" + k + "') USING TIMESTAMP "
          + (1000 + k));
    }
  }

  private io.tandem.validator.api.copy.TableCopierBuilder copier(String table) {
    return TableCopier.builder().withSource(clusters.sourceSession()).withTarget(clusters.targetSession())
        .forTable(clusters.keyspace(), table).withSplits(8);
  }
}
