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
 * about 10 minutes on two cores: six scenarios of 15 s warming the new proxy, 2 × 5 s warmup and 3 rounds × 2 × 6 s,
 * and the heap phase, after the clusters start.
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
      + "of load; 4-5 min in all with starting the clusters and a proxy per scenario). A full run takes about 10 min.")
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

  @Option(names = "--proxy-jvm-options", paramLabel = "OPTIONS",
      description = "More JVM options for each proxy's JVM, separated by spaces, for example "
          + "'-XX:StartFlightRecording=filename=/tmp/{name}.jfr,settings=profile' ({name} becomes the scenario's "
          + "name). Default: none.")
  private String proxyJvmOptions;

  @Option(names = "--proxy-cpus", paramLabel = "CPUS",
      description = "Run each proxy on these CPUs alone (for example 1) and the client and both Cassandra nodes on "
          + "the others, with Linux's taskset, as when the proxy has a host of its own; results go to section "
          + "\"proxy-own-cpus\". Default: everything shares every core (section \"proxy\").")
  private String proxyCpus;

  @Option(names = "--proxy-warmup-seconds", paramLabel = "SECONDS",
      description = "Load through each newly started proxy before its scenario's warmup, not measured, so that "
          + "its JVM is not measured cold (default 15, quick 5; 0: none).")
  private Integer proxyWarmupSeconds;

  @Option(names = "--scenarios", paramLabel = "NAME", split = ",", converter = ScenarioNameConverter.class,
      description = "Only these scenarios, comma-separated, for quick experiments: reads, reads-fixed-rate, "
          + "pass-through-writes, pass-through-writes-fixed-rate, async-writes, sync-writes, in-flight-heap "
          + "(default: all; a fixed-rate scenario needs its saturated one).")
  private List<ScenarioName> scenarioNames;

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
      description = "Markdown output, section \"proxy\" or \"proxy-own-cpus\" (default benchmarks/RESULTS.md; "
          + "quick runs: benchmarks/target/RESULTS-quick.md).")
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
    CpuPinning pinning = cpuPinning();
    if (pinning != null) {
      pinning.pinThisProcess();
      LOG.info("Pinned: {}", pinning.describe());
    }
    Path build = HarnessLaunch.buildDirectory();
    Path nodes = build.resolve("cassandra-proxy");
    int warmup = warmupSeconds != null ? warmupSeconds : quick ? 1 : 5;
    int measure = measureSeconds != null ? measureSeconds : quick ? 2 : 6;
    int roundCount = rounds != null ? rounds : quick ? 2 : 3;
    int clusterWarmup = clusterWarmupSeconds != null ? clusterWarmupSeconds : quick ? 4 : 20;
    int rows = readRows != null ? readRows : quick ? 2_000 : 10_000;
    int proxyWarmup = proxyWarmupSeconds != null ? proxyWarmupSeconds : quick ? 5 : 15;
    String value = Workloads.valueOfLength(valueSize);
    Workloads workloads = new Workloads(rows, writeKeys, value);
    BenchmarkSchema schema = new BenchmarkSchema("tandem_bench", 1);
    List<ProxyOutcome> outcomes = new ArrayList<>();
    ProxyLauncher launcher = proxyLauncher(build, pinning);
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
      ScenarioPhases phases = new ScenarioPhases(warmup, measure, roundCount, proxyWarmup, new LoadRunner(concurrency));
      if (runs(ScenarioName.reads)) {
        ProxyOutcome reads = phases.run(scenarios.readsSaturated());
        outcomes.add(reads);
        if (runs(ScenarioName.reads_fixed_rate)) {
          outcomes.add(phases.run(scenarios.readsAtFixedRate(fixedRate(reads), rateOrigin(reads))));
        }
      }
      if (runs(ScenarioName.pass_through_writes)) {
        ProxyOutcome writes = phases.run(scenarios.passThroughWritesSaturated());
        outcomes.add(writes);
        if (runs(ScenarioName.pass_through_writes_fixed_rate)) {
          outcomes.add(phases.run(scenarios.passThroughWritesAtFixedRate(fixedRate(writes), rateOrigin(writes))));
        }
      }
      if (runs(ScenarioName.async_writes)) {
        outcomes.add(phases.run(scenarios.asyncWrites()));
      }
      if (runs(ScenarioName.sync_writes)) {
        outcomes.add(phases.run(scenarios.syncWrites()));
      }
      if (launcher instanceof ProxyLauncher.ChildProcesses && runs(ScenarioName.in_flight_heap)) {
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
        outcomes, inFlightHeap, proxyWarmup, pinning);
    writer.write(output);
    LOG.info("Results written to section \"{}\" of {}", writer.section(),
        output.toAbsolutePath().normalize());
    System.out.println();
    System.out.println(writer.markdown());
    return 0;
  }

  /** Each proxy in a JVM of its own, after killing those an earlier, killed, run left behind; or in this one. */
  private ProxyLauncher proxyLauncher(Path build, CpuPinning pinning) {
    if (proxyInProcess) {
      return new ProxyLauncher.InProcess();
    }
    Path folder = build.resolve("proxy-processes");
    ProxyProcess.killLeftovers(folder);
    List<String> extraOptions = proxyJvmOptions == null || proxyJvmOptions.isBlank() ? List.of()
        : List.of(proxyJvmOptions.trim().split("\\s+"));
    return new ProxyLauncher.ChildProcesses(folder, proxyHeap, extraOptions,
        pinning == null ? List.of() : pinning.proxyCommandPrefix());
  }

  private CpuPinning cpuPinning() {
    if (proxyCpus == null) {
      return null;
    }
    if (proxyInProcess) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--proxy-cpus needs each proxy in a JVM of its own: drop --proxy-in-process");
    }
    try {
      return CpuPinning.parse(proxyCpus, Runtime.getRuntime().availableProcessors());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private boolean runs(ScenarioName name) {
    return scenarioNames == null || scenarioNames.contains(name);
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
    if (scenarioNames != null && (scenarioNames.contains(ScenarioName.reads_fixed_rate)
        && !scenarioNames.contains(ScenarioName.reads) || scenarioNames.contains(ScenarioName.pass_through_writes_fixed_rate)
        && !scenarioNames.contains(ScenarioName.pass_through_writes))) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "a fixed-rate scenario takes its rate from its saturated one: add reads or pass-through-writes to --scenarios");
    }
    if (proxyWarmupSeconds != null && proxyWarmupSeconds < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--proxy-warmup-seconds must be at least 0");
    }
    if (!proxyHeap.matches("[0-9]+[kKmMgG]?")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--proxy-heap must be a JVM heap size such as 512m or 1g, got '" + proxyHeap + "'");
    }
  }

  /** The scenarios {@code --scenarios} can pick, named as in the results (underscores for dashes). */
  enum ScenarioName {
    reads, reads_fixed_rate, pass_through_writes, pass_through_writes_fixed_rate, async_writes, sync_writes,
    in_flight_heap;

    @Override
    public String toString() {
      return name().replace('_', '-');
    }
  }

  /** Reads a scenario name as the results write it, with dashes. */
  static final class ScenarioNameConverter implements CommandLine.ITypeConverter<ScenarioName> {
    @Override
    public ScenarioName convert(String value) {
      try {
        return ScenarioName.valueOf(value.trim().replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("unknown scenario '" + value + "'");
      }
    }
  }

  /**
   * Runs each comparison's warmup and measured rounds with the comparison's own driver, then closes it. A
   * proxy started for the comparison first gets {@code proxyWarmupSeconds} of the candidate's load from a closed
   * loop ({@code proxyWarmup}), not measured: a proxy is a long-running process, and timing its JVM while it
   * still compiles its hot path would charge the proxy for a restart the harness chose.
   */
  private record ScenarioPhases(int warmupSeconds, int measureSeconds, int rounds, int proxyWarmupSeconds,
      LoadRunner proxyWarmup) {

    ProxyOutcome run(ProxyComparison comparison) throws InterruptedException {
      try (comparison) {
        if (proxyWarmupSeconds > 0) {
          LOG.info("Scenario '{}': warming up the proxy's JVM for {} s", comparison.scenario().name(),
              proxyWarmupSeconds);
          proxyWarmup.run("proxy warmup", comparison.scenario().candidate().operation(),
              Duration.ofSeconds(proxyWarmupSeconds));
          comparison.scenario().candidate().settler().settle();
        }
        ScenarioResult result = new ScenarioRunner(comparison.driver(), Duration.ofSeconds(warmupSeconds),
            Duration.ofSeconds(measureSeconds), rounds, comparison.listener()).run(comparison.scenario());
        return new ProxyOutcome(result, comparison.driver(), comparison.load(), comparison.goal(),
            comparison.cpu() == null ? null : comparison.cpu().summary());
      }
    }
  }
}
