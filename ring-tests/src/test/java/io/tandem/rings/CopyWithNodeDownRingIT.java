package io.tandem.rings;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.validator.api.copy.CopyReport;
import io.tandem.validator.api.copy.TableCopier;
import io.tandem.validator.api.range.RangeListener;
import io.tandem.validator.api.range.TokenRange;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy while a source node goes down. The copy reads at its default LOCAL_QUORUM, so with replication factor 2
 * a range the stopped node holds cannot be read: the copy gives up on it after its retries and goes on with the
 * rest. Once a range has failed, the operator stops the copy, starts the node again and runs the copy again (at
 * full speed), which resumes from its checkpoint; every row ends on the target with its value and writetime.
 *
 * <p>Tagged {@code soak}: stopping, draining and restarting a node takes 20–45 s, past the default run's budget.
 */
@Tag("soak")
@ExtendWith(RingExtension.class)
class CopyWithNodeDownRingIT {

  private static final String TABLE = "outage";
  private static final int ROWS = 2_000;
  private static final int SPLITS = 48;
  /** The first run's rate: slow enough that it still runs when the node is down (8 s for the whole table). */
  private static final int ROWS_PER_SECOND = 250;
  private static final int RANGES_BEFORE_STOP = 4;
  private static final int STOPPED_NODE = 2;
  private static final long WAIT_SECONDS = 90;

  @TempDir Path checkpoints;

  @Test
  void should_resume_the_copy_after_a_source_node_stopped_mid_run_and_lose_no_row(Ring ring) throws Exception {
    ring.createTable(TABLE, KeyValueRows.DEFINITION);
    KeyValueRows.write(ring.sourceSession(), TABLE, ROWS);

    CopyReport interrupted = copyWhileANodeStops(ring);
    CopyReport resumed = copier(ring, 0, new RangeListener() {}).run();

    assertThat(interrupted.complete()).as("the first run, cut short").isFalse();
    assertThat(resumed.resumed()).isTrue();
    assertThat(resumed.complete()).as("resumed copy complete, failed ranges %s", resumed.failedRanges()).isTrue();
    assertThat(resumed.rowsRead()).as("rows read again").isLessThan(ROWS);
    Map<Integer, String> source = KeyValueRows.withWritetimes(ring.sourceSession(), TABLE);
    assertThat(source).hasSize(ROWS);
    assertThat(KeyValueRows.withWritetimes(ring.targetSession(), TABLE)).isEqualTo(source);
  }

  /**
   * Starts the copy, stops a source node once a few ranges are copied, cancels the copy once a range failed since,
   * and starts the node again; returns the cut-short run's report.
   */
  private CopyReport copyWhileANodeStops(Ring ring) throws Exception {
    Outage outage = new Outage();
    TableCopier copier = copier(ring, ROWS_PER_SECOND, outage);
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<CopyReport> running = runner.submit(copier::run);
      assertThat(outage.rangesDone.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("ranges copied before the stop").isTrue();
      ring.source().stopNode(STOPPED_NODE);
      outage.nodeStopped = true;
      assertThat(outage.rangeFailed.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("a range failed after the stop").isTrue();
      copier.cancel();
      return running.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } finally {
      runner.shutdownNow();
      ring.ensureEveryNodeUp();
    }
  }

  private TableCopier copier(Ring ring, int rowsPerSecond, RangeListener listener) {
    return TableCopier.builder().withSource(ring.sourceSession()).withTarget(ring.targetSession())
        .forTable(Ring.KEYSPACE, TABLE).withSplits(SPLITS).withMaxRowsPerSecond(rowsPerSecond)
        .withCheckpointDirectory(checkpoints).withRangeListener(listener).build();
  }

  /** Counts ranges copied before the stop, and tells when a range failed after it (to be retried or given up). */
  private static final class Outage implements RangeListener {
    final CountDownLatch rangesDone = new CountDownLatch(RANGES_BEFORE_STOP);
    final CountDownLatch rangeFailed = new CountDownLatch(1);
    volatile boolean nodeStopped;

    @Override
    public void completed(TokenRange range) {
      rangesDone.countDown();
    }

    @Override
    public void split(TokenRange range, List<TokenRange> pieces) {
      failedSinceTheStop();
    }

    @Override
    public void failed(TokenRange range, TokenRange remaining, Throwable error) {
      failedSinceTheStop();
    }

    private void failedSinceTheStop() {
      if (nodeStopped) {
        rangeFailed.countDown();
      }
    }
  }
}
