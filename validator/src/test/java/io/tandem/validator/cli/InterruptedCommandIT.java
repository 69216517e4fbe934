package io.tandem.validator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import io.tandem.validator.api.range.TokenRange;
import io.tandem.validator.internal.copy.CheckpointState;
import io.tandem.validator.internal.copy.CheckpointState.Status;
import io.tandem.validator.internal.copy.CopyCheckpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Ctrl-C or SIGTERM during {@code copy} and {@code validate}, without a signal: the command runs on real clusters
 * and the test calls what its shutdown hook calls, as the JVM would.
 */
@TandemClusters
class InterruptedCommandIT {

  private static final int ROWS = 3000;
  private static boolean created;

  @TempDir Path work;
  private ClusterPair clusters;
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void createTable(ClusterPair clusters) {
    this.clusters = clusters;
    if (created) {
      return;
    }
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS %s.interrupted (id int PRIMARY KEY, item text)");
    PreparedStatement insert = clusters.sourceSession()
        .prepare("INSERT INTO " + clusters.keyspace() + ".interrupted (id, item) VALUES (?, ?)");
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (int id = 0; id < ROWS; id++) {
      writes.add(clusters.sourceSession().executeAsync(insert.bind(id, "item " + id)).toCompletableFuture());
      if (writes.size() >= 200) {
        writes.forEach(CompletableFuture::join);
        writes.clear();
      }
    }
    writes.forEach(CompletableFuture::join);
    created = true;
  }

  @Test
  void should_save_the_checkpoint_when_a_copy_is_interrupted_and_resume_from_it() throws Exception {
    clusters.executeOnTarget("TRUNCATE %s.interrupted");
    Path checkpoints = work.resolve("checkpoints");
    Path checkpointFile = CopyCheckpoint.fileFor(checkpoints, clusters.keyspace() + ".interrupted");
    CommandLine commandLine = commandLine();
    CopyCommand copy = commandLine.getSubcommands().get("copy").getCommand();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute(
        arguments("copy", "--checkpoint-dir", checkpoints.toString(), "--max-rows-per-second", "500")));
    awaitTrue(() -> copy.gracefulStop != null && targetRows() >= 500);

    copy.gracefulStop.stop(); // what the JVM's shutdown hook runs on Ctrl-C or SIGTERM

    assertThat(err.toString().strip())
        .isEqualTo("Interrupted: checkpoint saved in " + checkpoints + "; run the same command to resume");
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    CheckpointState saved = CopyCheckpoint.read(checkpointFile).orElseThrow();
    assertThat(saved.status()).isEqualTo(Status.IN_PROGRESS);
    // saved as the workers stopped: exactly the rows outside the remaining ranges are on the target (a periodic
    // save, up to a second old, would leave rows on the target that it still lists as to be copied)
    assertThat(targetRows()).isLessThan(ROWS).isEqualTo(sourceRowsOutside(saved.remainingRanges()));

    assertThat(commandLine().execute(arguments("copy", "--checkpoint-dir", checkpoints.toString()))).isZero();
    assertThat(CopyCheckpoint.read(checkpointFile).orElseThrow().status()).isEqualTo(Status.COMPLETE);
    assertThat(targetRows()).isEqualTo(ROWS);
  }

  @Test
  void should_write_what_an_interrupted_validation_found() throws Exception {
    Path report = work.resolve("report");
    CommandLine commandLine = commandLine();
    ValidateCommand validate = commandLine.getSubcommands().get("validate").getCommand();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute(
        arguments("validate", "--report-dir", report.toString(), "--max-rows-per-second", "500")));
    awaitTrue(() -> validate.gracefulStop != null);
    Thread.sleep(1_000);

    long startNanos = System.nanoTime();
    validate.gracefulStop.stop();

    assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(GracefulStop.DEFAULT_WAIT);
    assertThat(err.toString().strip()).isEqualTo("Interrupted: validation stopped; what it found so far is in "
        + report + " (mismatches.jsonl, summary.json, report.html); run the same command to validate from the start");
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
    assertThat(summary.get("cancelled").asBoolean()).isTrue();
    assertThat(summary.get("noMismatches").asBoolean()).isFalse();
    assertThat(summary.get("tables").get(0).get("sourceRows").asLong()).isPositive().isLessThan(ROWS);
    assertThat(report.resolve("mismatches.jsonl")).exists();
    assertThat(report.resolve("report.html")).content().contains("cancelled");
  }

  private CommandLine commandLine() {
    CommandLine commandLine = TandemValidatorCli.commandLine();
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine;
  }

  private String[] arguments(String... command) {
    List<String> arguments = new ArrayList<>(List.of(command));
    arguments.addAll(List.of("--source", address(clusters.source().contactPoints().get(0)),
        "--target", address(clusters.target().contactPoints().get(0)),
        "-k", clusters.keyspace(), "-t", "interrupted", "--splits", "16", "--concurrency", "2"));
    return arguments.toArray(String[]::new);
  }

  private long targetRows() {
    return clusters.executeOnTarget("SELECT count(*) FROM %s.interrupted").one().getLong(0);
  }

  private long sourceRowsOutside(List<TokenRange> remaining) {
    long rows = 0;
    for (Row row : clusters.executeOnSource("SELECT token(id) FROM %s.interrupted")) {
      BigInteger token = BigInteger.valueOf(row.getLong(0));
      if (remaining.stream().noneMatch(range -> range.contains(token))) {
        rows++;
      }
    }
    return rows;
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static String address(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }
}
