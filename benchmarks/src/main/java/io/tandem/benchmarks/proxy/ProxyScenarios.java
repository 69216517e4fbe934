package io.tandem.benchmarks.proxy;

import static io.tandem.benchmarks.ScenarioResources.open;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.benchmarks.BackgroundCopyWrites;
import io.tandem.benchmarks.BenchmarkClusters;
import io.tandem.benchmarks.BenchmarkSchema;
import io.tandem.benchmarks.Contender;
import io.tandem.benchmarks.FixedRateRunner;
import io.tandem.benchmarks.Operation;
import io.tandem.benchmarks.PhaseDriver;
import io.tandem.benchmarks.Scenario;
import io.tandem.benchmarks.ScenarioResources;
import io.tandem.benchmarks.SessionFactory;
import io.tandem.benchmarks.Workloads;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The comparisons of the proxy harness. Each one starts its own proxy (through the {@link ProxyLauncher}: in a
 * JVM of its own, or in the harness's) and opens its own driver sessions when it is created, and closes them when
 * it is closed. Every baseline and candidate uses the same driver with the same settings ({@link SessionFactory});
 * a candidate's only contact point is the proxy.
 */
public final class ProxyScenarios {

  /** How long a phase's mirrored copies may take to finish before the next phase starts anyway. */
  private static final Duration COPY_TIMEOUT = Duration.ofSeconds(60);

  /** The p99 a pass-through proxy may add below saturation. */
  private static final double ADDED_P99_GOAL_MILLIS = 0.5;

  /** The throughput a pass-through proxy must keep, as a share of the direct session's. */
  private static final double PASS_THROUGH_GOAL = 0.9;

  /** The reference shown for the dual-write scenarios, which have no goal of their own. */
  private static final double DUAL_WRITE_REFERENCE = 0.9;

  private final BenchmarkClusters clusters;
  private final SessionFactory sessions;
  private final BenchmarkSchema schema;
  private final Workloads workloads;
  private final PhaseDriver saturated;
  private final int fixedRateMaximumInFlight;
  private final Integer proxyThreads;
  private final ProxyLauncher launcher;
  private final String proxyAddress;

  /**
   * @param saturated the closed loop of the saturated scenarios
   * @param fixedRateMaximumInFlight the in-flight cap of the fixed-rate scenarios
   * @param proxyThreads the proxies' event-loop threads, or null for the proxy's default
   * @param launcher how the proxies run
   * @param proxyAddress the address the proxies listen on, each on a free port
   */
  public ProxyScenarios(BenchmarkClusters clusters, SessionFactory sessions, BenchmarkSchema schema,
      Workloads workloads, PhaseDriver saturated, int fixedRateMaximumInFlight, Integer proxyThreads,
      ProxyLauncher launcher, String proxyAddress) {
    this.clusters = clusters;
    this.sessions = sessions;
    this.schema = schema;
    this.workloads = workloads;
    this.saturated = saturated;
    this.fixedRateMaximumInFlight = fixedRateMaximumInFlight;
    this.proxyThreads = proxyThreads;
    this.launcher = launcher;
    this.proxyAddress = proxyAddress;
  }

  /** The proxies' settings apart from their mode, in words, for the results. */
  public String describeProxySettings() {
    ProxyConfig defaults = ProxyConfig.builder(ClusterEndpoint.plain("source", clusters.sourceAddress()),
        ClusterEndpoint.plain("target", clusters.targetAddress())).build();
    boolean ownProcess = launcher instanceof ProxyLauncher.ChildProcesses;
    return launcher.describe() + "; listening on a free port of " + proxyAddress + ", plain TCP, "
        + (ownProcess ? "metrics and admin endpoint on another (read between the measured phases, never during "
            + "one)" : "admin endpoint off") + ", "
        + (proxyThreads != null ? proxyThreads : defaults.eventLoopThreads()) + " event-loop threads"
        + (proxyThreads != null ? " (--proxy-threads)" : " (the proxy's default: one per core)")
        + ", protocol versions " + defaults.protocolVersions() + ", request timeout "
        + defaults.requestTimeout().toSeconds() + " s, " + defaults.maxStreamIdsPerConnection()
        + " stream ids per connection";
  }

  /** 1. Reads at saturation: direct session vs the same driver through the proxy. */
  public ProxyComparison readsSaturated() {
    return ScenarioResources.build(opened -> reads(opened, "reads", "Reads, saturated", saturated,
        saturated.describe(), ProxyGoal.ThroughputRatio.goal(PASS_THROUGH_GOAL)));
  }

  /** 2. Reads at a fixed rate below saturation, for the latency the proxy adds. */
  public ProxyComparison readsAtFixedRate(double rate, String rateOrigin) {
    FixedRateRunner driver = new FixedRateRunner(rate, fixedRateMaximumInFlight);
    return ScenarioResources.build(opened -> reads(opened, "reads-fixed-rate",
        "Reads at a fixed rate below saturation", driver, driver.describe() + " — " + rateOrigin,
        new ProxyGoal.AddedP99(ADDED_P99_GOAL_MILLIS)));
  }

  /** 3. Writes at saturation: direct to the source vs through the proxy with mirroring stopped. */
  public ProxyComparison passThroughWritesSaturated() {
    return ScenarioResources.build(opened -> passThroughWrites(opened, "pass-through-writes",
        "Writes, saturated, mirroring stopped", saturated, saturated.describe(),
        ProxyGoal.ThroughputRatio.goal(PASS_THROUGH_GOAL)));
  }

  /** 4. Pass-through writes at a fixed rate below saturation. */
  public ProxyComparison passThroughWritesAtFixedRate(double rate, String rateOrigin) {
    FixedRateRunner driver = new FixedRateRunner(rate, fixedRateMaximumInFlight);
    return ScenarioResources.build(opened -> passThroughWrites(opened, "pass-through-writes-fixed-rate",
        "Writes at a fixed rate below saturation, mirroring stopped", driver,
        driver.describe() + " — " + rateOrigin, new ProxyGoal.AddedP99(ADDED_P99_GOAL_MILLIS)));
  }

  /** 5. Writes answered by the source, copied to the target in the background: by hand vs the proxy in ASYNC. */
  public ProxyComparison asyncWrites() {
    return ScenarioResources.build(opened -> {
      CqlSession source = open(opened, sessions.source("proxy-async-baseline-source"));
      CqlSession target = open(opened, sessions.target("proxy-async-baseline-target"));
      BackgroundCopyWrites byHand = new BackgroundCopyWrites(source, source.prepare(schema.insertRow()), target,
          target.prepare(schema.insertRow()), workloads.writeKeys(), workloads.value(),
          sessions.mirrorSettings().build().maxInFlight());
      ProxyUnderTest proxy = open(opened, startProxy("async-writes", MirrorMode.ASYNC));
      CqlSession client = open(opened, sessions.connectingTo("proxy-async-client", proxy.address()));
      Scenario scenario = new Scenario("async-writes",
          "Writes answered by the source: hand-written background copy vs the proxy in ASYNC mode",
          "The same prepared INSERT of one row; both contenders write both clusters and answer once the source "
              + "answered. Baseline: client code with a session on each cluster that writes the source and, once "
              + "it answered, sends the copy (same client-side timestamp) to the target without waiting for it, "
              + "at most as many copies in flight as Tandem's max-in-flight. Candidate: the driver connected to "
              + "the proxy in ASYNC mode, which forwards the write to the source and mirrors it to the target "
              + "through its engine. After every candidate phase the harness waits (outside the measured time) "
              + "until every copy finished. No goal was set; " + DUAL_WRITE_REFERENCE + " is shown for reference.",
          DUAL_WRITE_REFERENCE,
          new Contender("hand-written background copy", byHand, () -> byHand.awaitCopies(COPY_TIMEOUT)),
          new Contender("through the proxy, ASYNC",
              proxy.meters().counted(workloads.writes(client, client.prepare(schema.insertRow()))),
              () -> proxy.meters().awaitCopies(COPY_TIMEOUT)),
          proxy.meters()::findings,
          opened);
      return new ProxyComparison(scenario, saturated, saturated.describe(),
          ProxyGoal.ThroughputRatio.reference(DUAL_WRITE_REFERENCE), cpuMeter(proxy));
    });
  }

  /** 6. Writes answered once both clusters answered: hand-written parallel write vs the proxy in SYNC. */
  public ProxyComparison syncWrites() {
    return ScenarioResources.build(opened -> {
      CqlSession source = open(opened, sessions.source("proxy-sync-baseline-source"));
      CqlSession target = open(opened, sessions.target("proxy-sync-baseline-target"));
      ProxyUnderTest proxy = open(opened, startProxy("sync-writes", MirrorMode.SYNC));
      CqlSession client = open(opened, sessions.connectingTo("proxy-sync-client", proxy.address()));
      Scenario scenario = new Scenario("sync-writes",
          "Writes to both, answered when both answered: hand-written parallel write vs the proxy in SYNC mode",
          "The same prepared INSERT of one row. Baseline: client code that binds the row on a source and a "
              + "target session with one client-side timestamp and calls `executeAsync` on both at once. "
              + "Candidate: the driver connected to the proxy in SYNC mode. No goal was set; "
              + DUAL_WRITE_REFERENCE + " is shown for reference.",
          DUAL_WRITE_REFERENCE,
          Contender.of("hand-written `executeAsync` on both",
              workloads.writesToBoth(source, source.prepare(schema.insertRow()), target,
                  target.prepare(schema.insertRow()))),
          new Contender("through the proxy, SYNC",
              proxy.meters().counted(workloads.writes(client, client.prepare(schema.insertRow()))),
              () -> proxy.meters().awaitCopies(COPY_TIMEOUT)),
          proxy.meters()::findings,
          opened);
      return new ProxyComparison(scenario, saturated, saturated.describe(),
          ProxyGoal.ThroughputRatio.reference(DUAL_WRITE_REFERENCE), cpuMeter(proxy));
    });
  }

  private ProxyComparison reads(List<AutoCloseable> opened, String name, String title, PhaseDriver driver,
      String load, ProxyGoal goal) {
    CqlSession direct = open(opened, sessions.source(name + "-direct"));
    // mirroring on (ASYNC), as during a migration; reads are forwarded as raw frames to the read side
    ProxyUnderTest proxy = open(opened, startProxy(name, MirrorMode.ASYNC));
    CqlSession client = open(opened, sessions.connectingTo(name + "-client", proxy.address()));
    Scenario scenario = new Scenario(name, title + ": direct driver session vs the same driver through the proxy",
        "The same prepared single-row SELECT by primary key on the pre-loaded table. Baseline: a driver "
            + "session connected to the source. Candidate: the same driver with the same settings whose only "
            + "contact point is the proxy (mirroring on in ASYNC mode, reads served by the source, as during "
            + "a migration before cutover).",
        PASS_THROUGH_GOAL, // the scenario's own ratio goal; the proxy results judge by {@code goal}
        Contender.of("direct to the source", workloads.reads(direct, direct.prepare(schema.selectRow()))),
        Contender.of("through the proxy", workloads.reads(client, client.prepare(schema.selectRow()))),
        proxy.meters()::findings,
        opened);
    return new ProxyComparison(scenario, driver, load, goal, cpuMeter(proxy));
  }

  private ProxyComparison passThroughWrites(List<AutoCloseable> opened, String name, String title,
      PhaseDriver driver, String load, ProxyGoal goal) {
    CqlSession direct = open(opened, sessions.source(name + "-direct"));
    ProxyUnderTest proxy = open(opened, startProxy(name, MirrorMode.ASYNC));
    proxy.stopMirroring();
    CqlSession client = open(opened, sessions.connectingTo(name + "-client", proxy.address()));
    Scenario scenario = new Scenario(name, title + ": direct driver session vs the same driver through the proxy",
        "The same prepared INSERT of one row. Baseline: a driver session connected to the source. Candidate: "
            + "the same driver through the proxy once mirroring was stopped (`POST /admin/mirroring?enabled=false`; "
            + "`control().stopMirroring()` in the harness's JVM), so writes go to the source only (pass-through). The pass-through read goal applies.",
        PASS_THROUGH_GOAL, // the scenario's own ratio goal; the proxy results judge by {@code goal}
        Contender.of("direct to the source", workloads.writes(direct, direct.prepare(schema.insertRow()))),
        Contender.of("through the proxy, mirroring stopped",
            proxy.meters().counted(workloads.writes(client, client.prepare(schema.insertRow())))),
        () -> withState(proxy),
        opened);
    return new ProxyComparison(scenario, driver, load, goal, cpuMeter(proxy));
  }

  /** The findings of a pass-through proxy: its meters (no copy may have been sent) and its routing state. */
  private static List<String> withState(ProxyUnderTest proxy) {
    List<String> findings = new ArrayList<>(proxy.meters().findings());
    findings.add("Proxy state during the scenario: `" + proxy.state() + "`.");
    return findings;
  }

  /**
   * 7. The proxy's heap with {@code inFlight} requests in flight over {@code connections} driver connections, half
   * reads, half writes, mirroring in ASYNC mode; needs proxies in JVMs of their own.
   */
  InFlightHeapProbe.InFlightHeap inFlightHeap(int inFlight, int connections, Duration warmup, Duration phase)
      throws InterruptedException {
    try (ProxyUnderTest proxy = startProxy("in-flight-heap", MirrorMode.ASYNC);
         CqlSession client = sessions.connectingTo("in-flight-heap-client", proxy.address(), connections)) {
      ProxyProcess process = proxy.process().orElseThrow(() -> new IllegalStateException(
          "the heap of a proxy is measured only when it runs in a JVM of its own"));
      Operation reads = workloads.reads(client, client.prepare(schema.selectRow()));
      Operation writes = proxy.meters().counted(workloads.writes(client, client.prepare(schema.insertRow())));
      Operation half = () -> ThreadLocalRandom.current().nextBoolean() ? reads.start() : writes.start();
      return InFlightHeapProbe.measure(process, half, inFlight, connections, warmup, phase);
    }
  }

  /** Measures the CPU of the proxy's JVM during the scenario, or null when the proxy runs in this one. */
  private ProcessCpuMeter cpuMeter(ProxyUnderTest proxy) {
    return proxy.process()
        .map(process -> new ProcessCpuMeter(process.handle(), clusters.sourceNodeProcess().orElse(null)))
        .orElse(null);
  }

  private ProxyUnderTest startProxy(String name, MirrorMode mode) {
    ProxyConfig.Builder config = ProxyConfig.builder(ClusterEndpoint.plain("source", clusters.sourceAddress()),
            ClusterEndpoint.plain("target", clusters.targetAddress()))
        .listenAddress(new InetSocketAddress(proxyAddress, 0))
        .adminAddress(null)
        .mirror(sessions.mirrorSettings().defaultMode(mode)
            .failedWriteDirectory(sessions.emptyFailedWriteFolder("proxy-" + name)).build());
    if (proxyThreads != null) {
      config.eventLoopThreads(proxyThreads);
    }
    return launcher.start(name, config.build());
  }

  /** The fixed-rate origin in words, for example "50 % of the direct rate of scenario reads (12,345 ops/s)". */
  public static String rateOrigin(double fraction, String scenario, double directRate) {
    return String.format(Locale.ROOT, "%.0f %% of the direct session's saturated rate in scenario `%s` "
        + "(%,.0f ops/s)", fraction * 100, scenario, directRate);
  }
}
