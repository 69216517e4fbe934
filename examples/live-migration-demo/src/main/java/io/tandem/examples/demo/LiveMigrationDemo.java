package io.tandem.examples.demo;

import io.tandem.validator.api.copy.TimestampStrategy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A whole live migration in one command: two clusters, an application that keeps reading and writing
 * through Tandem, the historical copy, validation, drift and its repair, the three cutover steps, and a final
 * validation that must find nothing. Exits with 0 when the application saw no error and the final validation
 * no difference, 1 otherwise, 2 on a bad command line.
 */
@Command(name = "live-migration-demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Migrates a running application from a source to a target Cassandra cluster with Tandem, and proves it.",
        "Without --source and --target it starts two single-node clusters on 127.0.0.31 and 127.0.0.32."})
public final class LiveMigrationDemo implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--source", paramLabel = "HOST:PORT",
      description = "A real source cluster (with --target): nothing is started or stopped.")
  private String source;

  @Option(names = "--target", paramLabel = "HOST:PORT", description = "A real target cluster (with --source).")
  private String target;

  @Option(names = "--datacenter", paramLabel = "DC",
      description = "Local data center of both real clusters (default: ${DEFAULT-VALUE}).",
      defaultValue = "datacenter1")
  private String datacenter;

  @Option(names = "--keyspace", description = "Keyspace the demo creates; it must not exist (default: "
      + "${DEFAULT-VALUE}).", defaultValue = "tandem_demo")
  private String keyspace;

  @Option(names = "--rows", description = "History rows preloaded into the source (default: 20000, 2000 with "
      + "--quick).")
  private Integer rows;

  @Option(names = "--quick", description = "Small data and short phases, for CI (about two minutes).")
  private boolean quick;

  @Option(names = "--via-proxy", description = "The application goes through an in-process Tandem proxy with a "
      + "plain driver session, instead of a DualWriteCqlSession.")
  private boolean viaProxy;

  @Option(names = "--timestamps", paramLabel = "PRESERVE|BACKDATE", defaultValue = "PRESERVE",
      description = "Writetimes of the copied history (default: ${DEFAULT-VALUE}).")
  private TimestampStrategy timestamps;

  @Option(names = "--threads", description = "Threads of the synthetic application (default: ${DEFAULT-VALUE}).",
      defaultValue = "3")
  private int threads;

  @Option(names = "--phase-seconds", description = "How long the application runs on its own at the start and "
      + "after each cutover step (default: 5, 2 with --quick).")
  private Integer phaseSeconds;

  @Option(names = "--report-dir", paramLabel = "DIR", description = "Folder under which each run gets its own "
      + "folder of validation reports (default: target/demo-runs of the module).")
  private Path reportDirectory;

  @Option(names = "--heap", description = "Heap of each embedded Cassandra node (default: ${DEFAULT-VALUE}).",
      defaultValue = "1g")
  private String heap;

  /** Runs the demo; see {@code --help}. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new LiveMigrationDemo()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() {
    return new MigrationRun(settings(), new PhaseLog(System.out)).run();
  }

  /** The command line, checked and with {@code --quick} applied. */
  DemoSettings settings() {
    if ((source == null) != (target == null)) {
      throw new ParameterException(spec.commandLine(), "give both --source and --target, or neither");
    }
    if (!keyspace.matches("[a-z][a-z0-9_]{0,47}")) {
      throw new ParameterException(spec.commandLine(), "--keyspace must be lower case letters, digits and _");
    }
    int historyRows = rows != null ? rows : quick ? 2_000 : 20_000;
    if (historyRows < 100 || threads < 1) {
      throw new ParameterException(spec.commandLine(), "--rows must be at least 100 and --threads at least 1");
    }
    Path runs = reportDirectory != null ? reportDirectory
        : Path.of(System.getProperty("tandem.demo.report-directory", "target/demo-runs"));
    String runName = "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return new DemoSettings(
        source == null ? null : address("--source", source),
        target == null ? null : address("--target", target),
        datacenter, keyspace, historyRows, viaProxy, timestamps, threads,
        Duration.ofSeconds(phaseSeconds != null ? phaseSeconds : quick ? 2 : 5),
        quick ? 32 : 256,
        quick ? 3 : 10,
        runs.resolve(runName).toAbsolutePath(),
        Path.of(System.getProperty("tandem.demo.work-directory", "target/embedded-cassandra")).toAbsolutePath(),
        heap);
  }

  private InetSocketAddress address(String option, String value) {
    int colon = value.lastIndexOf(':');
    try {
      if (colon > 0) {
        return new InetSocketAddress(value.substring(0, colon),
            Integer.parseInt(value.substring(colon + 1)));
      }
    } catch (IllegalArgumentException notAPort) {
      // reported below
    }
    throw new ParameterException(spec.commandLine(), option + " must look like host:port, got '" + value + "'");
  }
}
