package io.tandem.benchmarks.proxy;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.benchmarks.BenchmarkClusters;
import io.tandem.benchmarks.BenchmarkSchema;
import io.tandem.benchmarks.ClusterWarmup;
import io.tandem.benchmarks.CodeVersion;
import io.tandem.benchmarks.HarnessLaunch;
import io.tandem.benchmarks.LoadRunner;
import io.tandem.benchmarks.MachineFacts;
import io.tandem.benchmarks.MachineLoadSampler;
import io.tandem.benchmarks.RunSettings;
import io.tandem.benchmarks.ScenarioResult;
import io.tandem.benchmarks.ScenarioRunner;
import io.tandem.benchmarks.SessionFactory;
import io.tandem.benchmarks.Workloads;
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
 * The proxy benchmark: on two embedded clusters, drives the same driver and load directly at the source and
 * through a Tandem proxy — reads and pass-through writes saturated (throughput) and at a fixed rate below
 * saturation (latency added), then ASYNC and SYNC dual writes through the proxy against client code that writes
 * both clusters by hand. Each scenario's proxy runs in a JVM of its own, started from its command line, so that
 * its CPU time per 10,000 requests can be measured (against the source node's, in the same phases), and a last
 * phase measures its heap with 1,000 requests in flight; {@code --proxy-in-process} runs the proxies in this JVM
 * instead, as the harness did before (no CPU or heap figures then). Results go into the "proxy" section of {@code
 * benchmarks/RESULTS.md}.
 *
 * <p>Run from the repository root: {@code ./mvnw -B -q -pl benchmarks -am -DskipTests package && java -cp
 * benchmarks/target/tandem-benchmarks.jar io.tandem.benchmarks.proxy.ProxyHarness [--quick]}. The defaults take
 * about 8 minutes on two cores: six scenarios of 2 × 5 s warmup and 3 rounds × 2 × 6 s, and the heap phase, after
 * the clusters start.
 */
@Command(name = "proxy-harness", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Compares a driver session connected to the source with the same driver connected to the "
        + "Tandem proxy, under the same load, and writes the results as Markdown.")
public final class ProxyHarness implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyHarness.class);

  /** Loopback addresses of the embedded clusters: the load and bulk harnesses use .11 and .12, the tests .1 and .2. */
  static final String SOURCE_ADDRESS = "127.0.0.13";
  static final String TARGET_ADDRESS = "127.0.0.14";

  /** Where the proxies listen, each on a free port. */
  static final String PROXY_ADDRESS = "127.0.0.1";

  /** The native protocol version every session uses: the highest the proxy offers. */
  private static final String PROTOCOL_VERSION = "V4";

  /** The in-flight cap of the fixed-rate phases, far above what the rate needs below saturation. */
  private static final int FIXED_RATE_MAXIMUM_IN_FLIGHT = 1024;

  @Option(names = "--quick", description = "Short phases and fewer rows: a smoke test of the harness (about 1 min "
      + "of load; 3-4 min in all with starting the clusters and a proxy per scenario). A full run takes about 8 min.")
  private boolean quick;

  @Option(names = "--warmup-seconds", paramLabel = "SECONDS",
      description = "Warmup of each contender per scenario (default 5, quick 1).")
  private Integer warmupSeconds;

  @Option(names = "--measure-seconds", paramLabel = "SECONDS",
      description = "Length of each measured phase (default 6, quick 2).")
  private Integer measureSeconds;

  @Option(names = "--rounds", description = "Measured phases per contender, alternating ABBA (default 3, quick 2).")
  private Integer rounds;

  @Option(names = "--cluster-warmup-seconds", paramLabel = "SECONDS",
      description = "Reads and writes on both clusters before any scenario (default 20, quick 4).")
  private Integer clusterWarmupSeconds;

  @Option(names = "--concurrency", defaultValue = "64",
      description = "Requests in flight in the saturated scenarios (default ${DEFAULT-VALUE}).")
  private int concurrency;

  @Option(names = "--rate-fraction", paramLabel = "FRACTION", defaultValue = "0.5",
      description = "Rate of the fixed-rate scenarios, as a share of the direct session's saturated rate "
          + "(default ${DEFAULT-VALUE}).")
  private double rateFraction;

  @Option(names = "--rows", paramLabel = "COUNT",
      description = "Rows pre-loaded for the reads (default 10000, quick 2000).")
  private Integer readRows;

  @Option(names = "--write-keys", paramLabel = "COUNT", defaultValue = "1000000",
      description = "Distinct keys the writes spread over (default ${DEFAULT-VALUE}).")
  private int writeKeys;

  @Option(names = "--value-size", paramLabel = "CHARACTERS", defaultValue = "100",
      description = "Size of each row's text value (default ${DEFAULT-VALUE}).")
  private int valueSize;

  @Option(names = "--proxy-threads", paramLabel = "COUNT",
      description = "Event-loop threads of each proxy (default: the proxy's, one per core).")
  private Integer proxyThreads;

  @Option(names = "--proxy-in-process",
      description = "Run each proxy in the harness's JVM (TandemProxy.start), as before: no CPU or heap figures "
          + "for the proxy. Default: each proxy in a JVM of its own, started from its command line.")
  private boolean proxyInProcess;

  @Option(names = "--proxy-heap", paramLabel = "SIZE", defaultValue = "512m",
      description = "-Xms and -Xmx of each proxy's JVM (default ${DEFAULT-VALUE}).")
  private String proxyHeap;

  @Option(names = "--in-flight", paramLabel = "COUNT", defaultValue = "1000",
      description = "Requests in flight in the proxy's heap phase (default ${DEFAULT-VALUE}).")
  private int inFlight;

  @Option(names = "--in-flight-connections", paramLabel = "COUNT", defaultValue = "4",
      description = "Driver connections to the proxy in that phase (default ${DEFAULT-VALUE}).")
  private int inFlightConnections;

  @Option(names = "--heap", defaultValue = "1g",
      description = "Heap of each embedded Cassandra node (default ${DEFAULT-VALUE}).")
  private String heap;

  @Option(names = "--source-address", paramLabel = "ADDRESS", defaultValue = SOURCE_ADDRESS,
      description = "Loopback address of the embedded source node (default ${DEFAULT-VALUE}).")
  private String sourceAddress;

  @Option(names = "--target-address", paramLabel = "ADDRESS", defaultValue = TARGET_ADDRESS,
      description = "Loopback address of the embedded target node (default ${DEFAULT-VALUE}).")
  private String targetAddress;

  @Option(names = "--proxy-address", paramLabel = "ADDRESS", defaultValue = PROXY_ADDRESS,
      description = "Address the proxies listen on, each on a free port (default ${DEFAULT-VALUE}).")
  private String proxyAddress;

  @Option(names = "--results", paramLabel = "FILE",
      description = "Markdown output, section \"proxy\" (default benchmarks/RESULTS.md; quick runs: "
          + "benchmarks/target/RESULTS-quick.md).")
  private Path resultsFile;

  @Spec
  private CommandSpec spec;

  private final List<String> arguments;

  private ProxyHarness(List<String> arguments) {
    this.arguments = arguments;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ProxyHarness(List.of(args))).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    validate();
    MachineFacts machine = MachineFacts.atStart();
    Path build = HarnessLaunch.buildDirectory();
    Path nodes = build.resolve("cassandra-proxy");
    int warmup = warmupSeconds != null ? warmupSeconds : quick ? 1 : 5;
    int measure = measureSeconds != null ? measureSeconds : quick ? 2 : 6;
    int roundCount = rounds != null ? rounds : quick ? 2 : 3;
    int clusterWarmup = clusterWarmupSeconds != null ? clusterWarmupSeconds : quick ? 4 : 20;
    int rows = readRows != null ? readRows : quick ? 2_000 : 10_000;
    String value = Workloads.valueOfLength(valueSize);
    Workloads workloads = new Workloads(rows, writeKeys, value);
    BenchmarkSchema schema = new BenchmarkSchema("tandem_bench", 1);
    List<ProxyOutcome> outcomes = new ArrayList<>();
    ProxyLauncher launcher = proxyLauncher(build);
    InFlightHeapProbe.InFlightHeap inFlightHeap = null;
    String clustersDescription;
    String versions;
    String mirrorSettings;
    String proxySettings;
    MachineLoadSampler.Summary load;
    try (MachineLoadSampler sampler = new MachineLoadSampler(nodes).start();
         BenchmarkClusters clusters = BenchmarkClusters.startEmbedded(nodes, heap, sourceAddress, targetAddress)) {
      clustersDescription = clusters.description();
      SessionFactory sessions =
          new SessionFactory(clusters, build.resolve("proxy-failed-writes"), null, PROTOCOL_VERSION);
      mirrorSettings = sessions.describeMirrorSettings();
      try (CqlSession source = sessions.source("setup-source");
           CqlSession target = sessions.target("setup-target")) {
        schema.create(source, clusters.sourceDatacenter());
        schema.create(target, clusters.targetDatacenter());
        schema.preloadReadRows(source, rows, value, concurrency);
        versions = BenchmarkClusters.releaseVersion(source) + " (source) and "
            + BenchmarkClusters.releaseVersion(target) + " (target)";
        ClusterWarmup.run(source, target, schema, workloads, concurrency, Duration.ofSeconds(clusterWarmup));
      }
      ProxyScenarios scenarios = new ProxyScenarios(clusters, sessions, schema, workloads,
          new LoadRunner(concurrency), FIXED_RATE_MAXIMUM_IN_FLIGHT, proxyThreads, launcher, proxyAddress);
      proxySettings = scenarios.describeProxySettings();
      ScenarioPhases phases = new ScenarioPhases(warmup, measure, roundCount);
      ProxyOutcome reads = phases.run(scenarios.readsSaturated());
      outcomes.add(reads);
      outcomes.add(phases.run(scenarios.readsAtFixedRate(fixedRate(reads), rateOrigin(reads))));
      ProxyOutcome writes = phases.run(scenarios.passThroughWritesSaturated());
      outcomes.add(writes);
      outcomes.add(phases.run(scenarios.passThroughWritesAtFixedRate(fixedRate(writes), rateOrigin(writes))));
      outcomes.add(phases.run(scenarios.asyncWrites()));
      outcomes.add(phases.run(scenarios.syncWrites()));
      if (launcher instanceof ProxyLauncher.ChildProcesses) {
        inFlightHeap = scenarios.inFlightHeap(inFlight, inFlightConnections, Duration.ofSeconds(warmup),
            Duration.ofSeconds((long) measure * roundCount));
      }
      load = sampler.summary();
    }
    RunSettings settings = new RunSettings(
        HarnessLaunch.reproduceCommand(List.of("-cp", HarnessLaunch.JAR, ProxyHarness.class.getName()), arguments),
        CodeVersion.describe(build.getParent().getParent()), quick, concurrency, clusterWarmup, warmup, measure,
        roundCount, rows, writeKeys, valueSize, clustersDescription, versions, mirrorSettings);
    Path output = resultsFile != null ? resultsFile
        : quick ? build.resolve("RESULTS-quick.md") : build.getParent().resolve("RESULTS.md");
    ProxyResultsWriter writer = new ProxyResultsWriter(machine.finished(load), settings, proxySettings, launcher,
        outcomes, inFlightHeap);
    writer.write(output);
    LOG.info("Results written to section \"{}\" of {}", ProxyResultsWriter.SECTION,
        output.toAbsolutePath().normalize());
    System.out.println();
    System.out.println(writer.markdown());
    return 0;
  }

  /** Each proxy in a JVM of its own, after killing those an earlier, killed, run left behind; or in this one. */
  private ProxyLauncher proxyLauncher(Path build) {
    if (proxyInProcess) {
      return new ProxyLauncher.InProcess();
    }
    Path folder = build.resolve("proxy-processes");
    ProxyProcess.killLeftovers(folder);
    return new ProxyLauncher.ChildProcesses(folder, proxyHeap);
  }

  private double fixedRate(ProxyOutcome saturated) {
    return Math.max(1, rateFraction * saturated.result().baselineReport().operationsPerSecond());
  }

  private String rateOrigin(ProxyOutcome saturated) {
    return ProxyScenarios.rateOrigin(rateFraction, saturated.result().scenario().name(),
        saturated.result().baselineReport().operationsPerSecond());
  }

  private void validate() {
    if ((rounds != null && rounds < 1) || concurrency < 1 || writeKeys < 1 || valueSize < 0
        || (proxyThreads != null && proxyThreads < 1) || !(rateFraction > 0 && rateFraction <= 1)
        || inFlight < 1 || inFlightConnections < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--rounds, --concurrency, --write-keys, --proxy-threads, --in-flight and --in-flight-connections must be "
              + "at least 1, --value-size at least 0, --rate-fraction in (0, 1]");
    }
    if (!proxyHeap.matches("[0-9]+[kKmMgG]?")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--proxy-heap must be a JVM heap size such as 512m or 1g, got '" + proxyHeap + "'");
    }
  }

  /** Runs each comparison's warmup and measured rounds with the comparison's own driver, then closes it. */
  private record ScenarioPhases(int warmupSeconds, int measureSeconds, int rounds) {

    ProxyOutcome run(ProxyComparison comparison) throws InterruptedException {
      try (comparison) {
        ScenarioResult result = new ScenarioRunner(comparison.driver(), Duration.ofSeconds(warmupSeconds),
            Duration.ofSeconds(measureSeconds), rounds, comparison.listener()).run(comparison.scenario());
        return new ProxyOutcome(result, comparison.driver(), comparison.load(), comparison.goal(),
            comparison.cpu() == null ? null : comparison.cpu().summary());
      }
    }
  }
}
