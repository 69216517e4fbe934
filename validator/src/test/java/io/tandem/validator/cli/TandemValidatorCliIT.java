package io.tandem.validator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI end to end on the real clusters: copy, count, validate, repair, and bad input. */
@TandemClusters
class TandemValidatorCliIT {

  private final ClusterPair clusters;

  TandemValidatorCliIT(ClusterPair clusters) {
    this.clusters = clusters;
  }

  @Test
  void should_copy_count_validate_and_repair_from_the_command_line(@TempDir Path work) throws Exception {
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS " + clusters.keyspace() + ".orders (id int PRIMARY KEY, item text)");
    for (int id = 0; id < 300; id++) {
      clusters.executeOnSource("INSERT INTO " + clusters.keyspace() + ".orders (id, item) VALUES (" + id + ", 'i" + id + "')");
    }

    assertThat(run("count")).isEqualTo(1);
    assertThat(run("copy", "--checkpoint-dir", work.resolve("checkpoints").toString())).isZero();
    assertThat(run("count")).isZero();
    assertThat(run("validate", "--report-dir", work.resolve("report").toString())).isZero();
    assertThat(work.resolve("report").resolve("report.html")).exists();

    // a row the target never got, and a newer source value: both repairable (a target-side delete would be newer
    // than the source's cells and rightly win)
    clusters.executeOnSource("INSERT INTO " + clusters.keyspace() + ".orders (id, item) VALUES (1000, 'late')");
    clusters.executeOnSource("UPDATE " + clusters.keyspace() + ".orders SET item = 'changed' WHERE id = 8");
    assertThat(run("validate", "--report-dir", work.resolve("report2").toString(), "--recheck-delay", "PT0.1S"))
        .isEqualTo(1);
    Path ledger = work.resolve("report2").resolve("mismatches.jsonl");
    assertThat(Files.readAllLines(ledger)).hasSize(2);
    assertThat(runWithoutTables("repair", "--ledger", ledger.toString())).isZero();
    assertThat(run("validate", "--report-dir", work.resolve("report3").toString())).isZero();
  }

  @Test
  void should_reject_bad_input_with_one_line_and_exit_code_2() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = TandemValidatorCli.commandLine();
    commandLine.setErr(new PrintWriter(err));

    int exit = commandLine.execute("validate", "--source", "127.0.0.1", "--target", "127.0.0.2", "--splits", "many");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--splits").contains("many");
  }

  @Test
  void should_name_a_missing_table() {
    StringWriter err = new StringWriter();
    CommandLine commandLine = TandemValidatorCli.commandLine();
    commandLine.setErr(new PrintWriter(err));

    int exit = commandLine.execute(arguments("count", "-t", "no_such_table").toArray(String[]::new));

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("no_such_table").contains("does not exist");
  }

  private int run(String... command) {
    List<String> arguments = arguments(command);
    arguments.addAll(List.of("-t", "orders"));
    return TandemValidatorCli.commandLine().execute(arguments.toArray(String[]::new));
  }

  private int runWithoutTables(String... command) {
    List<String> arguments = new ArrayList<>(List.of(command));
    arguments.addAll(connection());
    return TandemValidatorCli.commandLine().execute(arguments.toArray(String[]::new));
  }

  private List<String> arguments(String... command) {
    List<String> arguments = new ArrayList<>(List.of(command));
    arguments.addAll(connection());
    arguments.addAll(List.of("-k", clusters.keyspace(), "--splits", "8"));
    return arguments;
  }

  private List<String> connection() {
    return List.of("--source", address(clusters.source().contactPoints().get(0)),
        "--target", address(clusters.target().contactPoints().get(0)));
  }

  private static String address(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }
}
