package io.tandem.examples.copycli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
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
 * Runs the {@code tandem-validator} command line as a user would: {@code count}, a rate-limited {@code copy}
 * with a checkpoint folder that is killed part-way, the same {@code copy} again (it resumes), and a
 * {@code validate} that must find no difference. Exits with 0 when the second copy resumed rather than started
 * over and the validation found 0 mismatches, 1 otherwise, 2 on a bad command line.
 */
@Command(name = "copy-from-cli", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Copies a table's history with the tandem-validator command line, kills the copy part-way, resumes it "
            + "from its checkpoint, and validates the result.",
        "Without --source and --target it starts two single-node clusters on 127.0.0.27 and 127.0.0.28."})
public final class CopyFromCliExample implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--source", paramLabel = "HOST:PORT",
      description = "A real source cluster (with --target): nothing is started or stopped.")
  private String source;

  @Option(names = "--target", paramLabel = "HOST:PORT", description = "A real target cluster (with --source).")
  private String target;

  @Option(names = "--datacenter", paramLabel = "DC", defaultValue = "datacenter1",
      description = "Local data center of both clusters (default: ${DEFAULT-VALUE}).")
  private String datacenter;

  @Option(names = "--keyspace", defaultValue = "tandem_copy_example",
      description = "Keyspace the example creates on both clusters; it must not exist (default: ${DEFAULT-VALUE}).")
  private String keyspace;

  @Option(names = "--rows", description = "History rows loaded into the source (default: 100000, 6000 with --quick).")
  private Integer rows;

  @Option(names = "--rows-per-second", paramLabel = "ROWS",
      description = "The copy's --max-rows-per-second (default: 5000, 1500 with --quick).")
  private Integer rowsPerSecond;

  @Option(names = "--interrupt-at", paramLabel = "PERCENT", defaultValue = "40",
      description = "Kill the first copy once its checkpoint shows this share of token ranges done "
          + "(default: ${DEFAULT-VALUE}).")
  private int interruptAt;

  @Option(names = "--signal", paramLabel = "KILL|TERM", defaultValue = "KILL",
      description = "How the first copy is stopped: KILL as a crash (Process.destroyForcibly), TERM as a "
          + "polite stop (ProcessHandle.destroy) (default: ${DEFAULT-VALUE}).")
  private StopSignal signal;

  @Option(names = "--quick", description = "6,000 rows copied at 1,500 rows/s, for CI (about a minute and a half).")
  private boolean quick;

  @Option(names = "--run-dir", paramLabel = "DIR", description = "Folder under which each run gets its own "
      + "folder of checkpoints and validation reports (default: target/copy-runs of the module).")
  private Path runDirectory;

  @Option(names = "--heap", defaultValue = "1g",
      description = "Heap of each embedded Cassandra node (default: ${DEFAULT-VALUE}).")
  private String heap;

  /** Runs the example; see {@code --help}. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The example's command line, enum values case-insensitive. */
  static CommandLine commandLine() {
    return new CommandLine(new CopyFromCliExample()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public Integer call() {
    return new CopyExampleRun(settings(), new StepLog(System.out)).run();
  }

  /** The command line, checked and with {@code --quick} applied. */
  CopyExampleSettings settings() {
    if ((source == null) != (target == null)) {
      throw new ParameterException(spec.commandLine(), "give both --source and --target, or neither");
    }
    if (!keyspace.matches("[a-z][a-z0-9_]{0,47}")) {
      throw new ParameterException(spec.commandLine(), "--keyspace must be lower case letters, digits and _");
    }
    int historyRows = rows != null ? rows : quick ? 6_000 : 100_000;
    int rate = rowsPerSecond != null ? rowsPerSecond : quick ? 1_500 : 5_000;
    if (historyRows < 1_000 || rate < 1 || interruptAt < 1 || interruptAt > 90) {
      throw new ParameterException(spec.commandLine(),
          "--rows must be at least 1000, --rows-per-second at least 1, --interrupt-at between 1 and 90");
    }
    Path runs = runDirectory != null ? runDirectory
        : Path.of(System.getProperty("tandem.example.run-directory", "target/copy-runs"));
    String runName = "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return new CopyExampleSettings(
        source == null ? null : address("--source", source),
        target == null ? null : address("--target", target),
        datacenter, keyspace, historyRows, rate, interruptAt, signal,
        runs.resolve(runName).toAbsolutePath(),
        Path.of(System.getProperty("tandem.example.work-directory", "target/embedded-cassandra")).toAbsolutePath(),
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
