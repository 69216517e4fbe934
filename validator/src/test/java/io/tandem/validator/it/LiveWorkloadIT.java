package io.tandem.validator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.api.validate.Validator;
import io.tandem.validator.testing.ValidationAssertions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Dual writes keep running while the validator scans: every write reaches the source first and the target a
 * little later with the same timestamp. Rows caught in between are IN_FLIGHT, never mismatches.
 */
@TandemClusters
class LiveWorkloadIT {

  private static final int PARTITIONS = 500;
  private static final long TARGET_LAG_MILLIS = 300;

  @Test
  void should_classify_rows_written_during_validation_as_in_flight(ClusterPair clusters) throws Exception {
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.live");
    clusters.executeOnBoth("CREATE TABLE %s.live (k int, c int, v text, PRIMARY KEY (k, c))");
    String insert = "INSERT INTO " + clusters.keyspace() + ".live (k, c, v) VALUES (?, ?, ?) USING TIMESTAMP ?";
    PreparedStatement onSource = clusters.sourceSession().prepare(insert);
    PreparedStatement onTarget = clusters.targetSession().prepare(insert);
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (int row = 0; row < PARTITIONS * 4; row++) {
      writes.add(clusters.sourceSession().executeAsync(onSource.bind(row / 4, row % 4, "v" + row, 1000L)).toCompletableFuture());
      writes.add(clusters.targetSession().executeAsync(onTarget.bind(row / 4, row % 4, "v" + row, 1000L)).toCompletableFuture());
      if (writes.size() >= 200) {
        writes.forEach(CompletableFuture::join);
        writes.clear();
      }
    }
    writes.forEach(CompletableFuture::join);

    ScheduledExecutorService delayedTarget = Executors.newSingleThreadScheduledExecutor();
    AtomicBoolean validating = new AtomicBoolean(true);
    AtomicInteger written = new AtomicInteger();
    Thread writer = new Thread(() -> {
      while (validating.get()) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // updates of existing rows and brand-new partitions
        int partition = random.nextBoolean() ? random.nextInt(PARTITIONS) : PARTITIONS + written.get();
        int clustering = random.nextInt(4);
        String value = "live" + written.incrementAndGet();
        long timestamp = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        clusters.sourceSession().execute(onSource.bind(partition, clustering, value, timestamp));
        delayedTarget.schedule(() -> clusters.targetSession().execute(onTarget.bind(partition, clustering, value, timestamp)),
            TARGET_LAG_MILLIS, TimeUnit.MILLISECONDS);
        sleepQuietly(3);
      }
    }, "dual-writer");
    writer.start();
    ValidationReport report;
    try {
      report = Validator.builder().withSource(clusters.sourceSession()).withTarget(clusters.targetSession())
          .forTable(clusters.keyspace(), "live").withSplits(16).withConcurrency(2).withMaxRowsPerSecond(1000)
          .withRecheckDelay(Duration.ofSeconds(2)).build().validate();
    } finally {
      validating.set(false);
      writer.join();
      delayedTarget.shutdown();
      delayedTarget.awaitTermination(30, TimeUnit.SECONDS);
    }

    assertThat(written.get()).isPositive();
    ValidationAssertions.assertThat(report).hasNoMismatches()
        .hasMismatches(MismatchKind.MISMATCH, 0).hasNoMissingRows();
    assertThat(report.total(MismatchKind.IN_FLIGHT))
        .as("rows caught between the source and the target write (%d live writes)", written.get()).isPositive();
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
