package io.tandem.benchmarks;

import com.datastax.oss.driver.api.core.CqlSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The load harness: starts (or connects to) a source and a target cluster, then compares a plain {@code
 * CqlSession} with {@code DualWriteCqlSession} under the same load — reads, ASYNC-mirrored writes and
 * SYNC-mirrored writes — and writes the results as Markdown.
 *
 * <p>Run from the repository root: {@code ./mvnw -B -q -pl benchmarks -am -DskipTests package && java -jar
 * benchmarks/target/tandem-benchmarks.jar [--quick]}.
 */
@Command(name = "tandem-benchmarks", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Compares a plain CqlSession with DualWriteCqlSession under the same load, against the "
        + "same clusters, and writes the results as Markdown.")
public final class LoadHarness implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(LoadHarness.class);

  @Option(names = "--quick", description = "Short phases and fewer rows: a smoke test of the harness.")
  private boolean quick;

  @Option(names = "--warmup-seconds", paramLabel = "SECONDS",
      description = "Warmup of each contender per scenario (default 10, quick 3).")
  private Integer warmupSeconds;

  @Option(names = "--measure-seconds", paramLabel = "SECONDS",
      description = "Length of each measured phase (default 20, quick 5).")
  private Integer measureSeconds;

  @Option(names = "--rounds",
      description = "Measured phases per contender, alternating ABBA (default 4, quick 2).")
  private Integer rounds;

  @Option(names = "--cluster-warmup-seconds", paramLabel = "SECONDS",
      description = "Reads and writes on both clusters before any scenario, so their JIT is warm "
          + "(default 30, quick 6).")
  private Integer clusterWarmupSeconds;

  @Option(names = "--concurrency", defaultValue = "64",
      description = "Requests in flight (default ${DEFAULT-VALUE}).")
  private int concurrency;

  @Option(names = "--rows", paramLabel = "COUNT",
      description = "Rows pre-loaded for the reads (default 10000, quick 2000).")
  private Integer readRows;

  @Option(names = "--write-keys", paramLabel = "COUNT", defaultValue = "1000000",
      description = "Distinct keys the writes spread over (default ${DEFAULT-VALUE}).")
  private int writeKeys;

  @Option(names = "--value-size", paramLabel = "CHARACTERS", defaultValue = "100",
      description = "Size of each row's text value (default ${DEFAULT-VALUE}).")
  private int valueSize;

  @Option(names = "--scenarios", split = ",", paramLabel = "NAME",
      defaultValue = "reads,async-writes,sync-writes,async-writes-by-hand",
      description = "Scenarios to run, in order (default ${DEFAULT-VALUE}; also: async-intent-log).")
  private List<String> scenarios;

  @Option(names = "--source", paramLabel = "HOST[:PORT]",
      description = "An existing source cluster instead of the embedded one (needs --target, --datacenter).")
  private String source;

  @Option(names = "--target", paramLabel = "HOST[:PORT]", description = "An existing target cluster.")
  private String target;

  @Option(names = "--datacenter", paramLabel = "DC", description = "Local data center of the existing source.")
  private String datacenter;

  @Option(names = "--target-datacenter", paramLabel = "DC",
      description = "Local data center of the existing target (default: --datacenter).")
  private String targetDatacenter;

  @Option(names = "--replication-factor", defaultValue = "1",
      description = "Replication factor of the benchmark keyspace (default ${DEFAULT-VALUE}).")
  private int replicationFactor;

  @Option(names = "--keyspace", defaultValue = "tandem_bench",
      description = "Keyspace created on both clusters (default ${DEFAULT-VALUE}).")
  private String keyspace;

  @Option(names = "--heap", defaultValue = "1g",
      description = "Heap of each embedded Cassandra node (default ${DEFAULT-VALUE}).")
  private String heap;

  @Option(names = "--mirror-max-in-flight", paramLabel = "COUNT",
      description = "maxInFlight of the dual sessions' mirror (default: Tandem's, 1024).")
  private Integer mirrorMaxInFlight;

  @Option(names = "--work-directory", paramLabel = "FOLDER",
      description = "Cassandra data and failed-write logs (default: benchmarks/target).")
  private Path workDirectory;

  @Option(names = "--results", paramLabel = "FILE",
      description = "Markdown output (default benchmarks/RESULTS.md; quick runs: benchmarks/target/RESULTS-quick.md).")
  private Path resultsFile;

  @Spec
  private CommandSpec spec;

  private final List<String> arguments;

  private LoadHarness(List<String> arguments) {
    this.arguments = arguments;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadHarness(List.of(args))).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    validate();
    MachineFacts machine = MachineFacts.atStart();
    Path target = HarnessLaunch.buildDirectory();
    Path work = workDirectory != null ? workDirectory : target;
    int warmup = warmupSeconds != null ? warmupSeconds : quick ? 3 : 10;
    int measure = measureSeconds != null ? measureSeconds : quick ? 5 : 20;
    int rows = readRows != null ? readRows : quick ? 2_000 : 10_000;
    int roundCount = rounds != null ? rounds : quick ? 2 : 4;
    int clusterWarmup = clusterWarmupSeconds != null ? clusterWarmupSeconds : quick ? 6 : 30;
    String value = Workloads.valueOfLength(valueSize);
    Workloads workloads = new Workloads(rows, writeKeys, value);
    BenchmarkSchema schema = new BenchmarkSchema(keyspace, replicationFactor);
    List<ScenarioResult> results = new ArrayList<>();
    String clustersDescription;
    String versions;
    String mirrorSettings;
    MachineLoadSampler.Summary load;
    try (MachineLoadSampler sampler = new MachineLoadSampler(work.resolve("cassandra")).start();
         BenchmarkClusters clusters = source == null
        ? BenchmarkClusters.startEmbedded(work.resolve("cassandra"), heap)
        : BenchmarkClusters.connectTo(source, this.target, datacenter,
            targetDatacenter != null ? targetDatacenter : datacenter)) {
      clustersDescription = clusters.description();
      SessionFactory sessions = new SessionFactory(clusters, work.resolve("failed-writes"), mirrorMaxInFlight);
      mirrorSettings = sessions.describeMirrorSettings();
      try (CqlSession sourceSession = sessions.source("setup-source");
           CqlSession targetSession = sessions.target("setup-target")) {
        schema.create(sourceSession, clusters.sourceDatacenter());
        schema.create(targetSession, clusters.targetDatacenter());
        schema.preloadReadRows(sourceSession, rows, value, concurrency);
        versions = BenchmarkClusters.releaseVersion(sourceSession) + " (source) and "
            + BenchmarkClusters.releaseVersion(targetSession) + " (target)";
        ClusterWarmup.run(sourceSession, targetSession, schema, workloads, concurrency,
            Duration.ofSeconds(clusterWarmup));
      }
      HarnessCpu cpu = new HarnessCpu();
      ScenarioFactory factory = new ScenarioFactory(sessions, schema, workloads, cpu);
      ScenarioRunner runner = new ScenarioRunner(new LoadRunner(concurrency), Duration.ofSeconds(warmup),
          Duration.ofSeconds(measure), roundCount, cpu);
      for (String name : scenarios) {
        try (Scenario scenario = factory.create(name)) {
          results.add(runner.run(scenario));
        }
      }
      load = sampler.summary();
    }
    String codeVersion = CodeVersion.describe(target.getParent().getParent());
    RunSettings settings = new RunSettings(command(), codeVersion, quick, concurrency, clusterWarmup, warmup,
        measure, roundCount, rows, writeKeys, valueSize, clustersDescription, versions, mirrorSettings);
    Path output = resultsFile != null ? resultsFile
        : quick ? target.resolve("RESULTS-quick.md") : target.getParent().resolve("RESULTS.md");
    ResultsWriter writer = new ResultsWriter(machine.finished(load), settings, results);
    writer.write(output);
    LOG.info("Results written to {}", output.toAbsolutePath().normalize());
    System.out.println();
    System.out.println(writer.markdown());
    return 0;
  }

  private void validate() {
    CommandLine commandLine = spec.commandLine();
    if ((source == null) != (target == null) || (source != null && datacenter == null)) {
      throw new CommandLine.ParameterException(commandLine,
          "--source, --target and --datacenter go together (leave all out for embedded clusters)");
    }
    if ((rounds != null && rounds < 1) || concurrency < 1 || writeKeys < 1 || valueSize < 0
        || replicationFactor < 1 || (mirrorMaxInFlight != null && mirrorMaxInFlight < 1)) {
      throw new CommandLine.ParameterException(commandLine,
          "--rounds, --concurrency, --write-keys, --replication-factor and --mirror-max-in-flight must be at "
              + "least 1, --value-size at least 0");
    }
    for (String name : scenarios) {
      if (!ScenarioFactory.NAMES.contains(name)) {
        throw new CommandLine.ParameterException(commandLine,
            "Unknown scenario '" + name + "'; known: " + String.join(",", ScenarioFactory.NAMES));
      }
    }
  }

  /** The command that reproduces this run, from the repository root. */
  private String command() {
    return HarnessLaunch.reproduceCommand(List.of("-jar", HarnessLaunch.JAR), arguments);
  }
}
