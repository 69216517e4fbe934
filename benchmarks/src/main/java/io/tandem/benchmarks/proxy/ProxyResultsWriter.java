package io.tandem.benchmarks.proxy;

import io.tandem.benchmarks.FixedRateRunner;
import io.tandem.benchmarks.LatencyReport;
import io.tandem.benchmarks.MachineFacts;
import io.tandem.benchmarks.Markdown;
import io.tandem.benchmarks.ResultsSections;
import io.tandem.benchmarks.RunSettings;
import io.tandem.benchmarks.Scenario;
import io.tandem.benchmarks.ScenarioResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the proxy harness's results as the "proxy" section of the results file ("proxy-own-cpus" when each
 * proxy ran on CPUs of its own): a summary with each
 * scenario's goal, the CPU and heap of the proxy's own process (when it ran in one), one table per scenario, how
 * it was measured, the machine and the caveats.
 */
public final class ProxyResultsWriter {

  /** The section of the results file this writer owns when everything shares every core. */
  public static final String SECTION = "proxy";

  /** The section of the results file this writer owns when each proxy ran on CPUs of its own. */
  public static final String OWN_CPUS_SECTION = "proxy-own-cpus";

  private final MachineFacts machine;
  private final RunSettings settings;
  private final String proxySettings;
  private final ProxyLauncher launcher;
  private final List<ProxyOutcome> outcomes;
  private final InFlightHeapProbe.InFlightHeap inFlightHeap;
  private final int proxyWarmupSeconds;
  private final CpuPinning pinning;

  /**
   * @param proxySettings the proxies' configuration in words
   * @param launcher how the proxies ran
   * @param inFlightHeap the heap phase, or null when it did not run (proxies in the harness's JVM)
   * @param proxyWarmupSeconds the unmeasured load through each new proxy before its scenario's warmup
   * @param pinning the CPUs of the proxies and of everything else, or null when all shared every core
   */
  public ProxyResultsWriter(MachineFacts machine, RunSettings settings, String proxySettings, ProxyLauncher launcher,
      List<ProxyOutcome> outcomes, InFlightHeapProbe.InFlightHeap inFlightHeap, int proxyWarmupSeconds,
      CpuPinning pinning) {
    this.machine = machine;
    this.settings = settings;
    this.proxySettings = proxySettings;
    this.launcher = launcher;
    this.outcomes = List.copyOf(outcomes);
    this.inFlightHeap = inFlightHeap;
    this.proxyWarmupSeconds = proxyWarmupSeconds;
    this.pinning = pinning;
  }

  /** The section of the results file this run owns. */
  public String section() {
    return pinning == null ? SECTION : OWN_CPUS_SECTION;
  }

  /** Replaces this run's section of {@code file}, keeping the other sections. */
  public void write(Path file) throws IOException {
    ResultsSections.write(file, section(), markdown());
  }

  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append(pinning == null ? "# Tandem proxy overhead: proxy harness results\n\n"
        : "# Tandem proxy overhead, each proxy on a CPU of its own: proxy harness results\n\n");
    out.append(settings.quick() ? "**Quick run** (short phases: a smoke test, not a measurement). " : "")
        .append("Run on ").append(machine.startedAt()).append(" on ").append(machine.cores())
        .append(" cores, Java ").append(System.getProperty("java.version")).append(", code ")
        .append(settings.codeVersion()).append(". ").append(ownProcess()
            ? "**Each proxy runs in a JVM of its own** (heap " + heap() + ")"
            : "**The proxy runs in the same JVM as the client driver**")
        .append(pinning == null ? ", and the " + machine.cores() + " cores are shared by the two Cassandra nodes, "
            + "the proxy and the client. " : ": " + pinning.describe() + ". ")
        .append("Reproduce from the repository root with:\n\n```bash\n")
        .append(settings.command()).append("\n```\n\n");
    summary(out);
    proxyProcess(out);
    for (int index = 0; index < outcomes.size(); index++) {
      scenario(out, index + 1, outcomes.get(index));
    }
    method(out);
    out.append(Markdown.machineSection(machine));
    caveats(out);
    return out.toString();
  }

  private void summary(StringBuilder out) {
    out.append("## Summary\n\n| # | scenario | load | measure | baseline | candidate | candidate vs baseline "
        + "| goal | met |\n|--:|---|---|---|--:|--:|--:|--:|:-:|\n");
    for (int index = 0; index < outcomes.size(); index++) {
      ProxyOutcome outcome = outcomes.get(index);
      ScenarioResult result = outcome.result();
      boolean throughput = outcome.goal() instanceof ProxyGoal.ThroughputRatio;
      LatencyReport baseline = result.baselineReport();
      LatencyReport candidate = result.candidateReport();
      out.append("| ").append(index + 1)
          .append(" | ").append(result.scenario().title())
          .append(" | ").append(outcome.driver() instanceof FixedRateRunner fixed
              ? Markdown.operations(fixed.operationsPerSecond()) + " ops/s fixed" : "saturated")
          .append(" | ").append(outcome.goal().measure())
          .append(" | ").append(throughput ? Markdown.operations(baseline.operationsPerSecond())
              : Markdown.millis(baseline.p99Millis()))
          .append(" | ").append(throughput ? Markdown.operations(candidate.operationsPerSecond())
              : Markdown.millis(candidate.p99Millis()))
          .append(" | ").append(outcome.goal().score(result))
          .append(" | ").append(outcome.goal().threshold())
          .append(" | ").append(outcome.goalMet() ? "yes" : "**no**").append(" |\n");
    }
    out.append('\n');
  }

  private boolean ownProcess() {
    return launcher instanceof ProxyLauncher.ChildProcesses;
  }

  private String heap() {
    return launcher instanceof ProxyLauncher.ChildProcesses child ? child.heap() : "the harness's";
  }

  /** CPU per 10,000 requests of each scenario's proxy process, and its heap with many requests in flight. */
  private void proxyProcess(StringBuilder out) {
    out.append("## The proxy's own process: CPU and heap\n\n");
    if (!ownProcess()) {
      out.append("Not measured: the proxies ran in the harness's JVM (`--proxy-in-process`), so their CPU and heap "
          + "cannot be told apart from the client's.\n\n");
      return;
    }
    out.append("CPU time (user + system) of each scenario's proxy JVM over the candidate's measured phases — from a "
            + "phase's start until its mirrored copies finished — per 10,000 requests answered through the proxy. For "
            + "reference, the source's Cassandra node over the same phases, and over the baseline's.\n\n")
        .append("| # | scenario | requests through the proxy | proxy CPU s | **proxy CPU s per 10k requests** "
            + "| proxy cores busy, mean | source node CPU s per 10k: baseline / candidate phases "
            + "| proxy / source node, candidate phases |\n|--:|---|--:|--:|--:|--:|--:|--:|\n");
    for (int index = 0; index < outcomes.size(); index++) {
      ProxyOutcome outcome = outcomes.get(index);
      ProcessCpuMeter.Summary cpu = outcome.cpu();
      if (cpu == null) {
        continue;
      }
      ProcessCpuMeter.Usage proxy = cpu.proxy();
      out.append("| ").append(index + 1)
          .append(" | ").append(outcome.result().scenario().name())
          .append(" | ").append(String.format(Locale.ROOT, "%,d", proxy.requests()))
          .append(" | ").append(seconds(proxy.cpu().toNanos() / 1e9))
          .append(" | **").append(seconds(proxy.secondsPer10k())).append("**")
          .append(" | ").append(decimal(proxy.meanCores()))
          .append(" | ").append(cpu.sourceDirect() == null ? "n/a"
              : seconds(cpu.sourceDirect().secondsPer10k()) + " / " + seconds(cpu.sourceThroughProxy().secondsPer10k()))
          .append(" | ").append(cpu.sourceThroughProxy() == null ? "n/a"
              : Markdown.ratio(proxy.cpu().toNanos() / (double) cpu.sourceThroughProxy().cpu().toNanos()))
          .append(" |\n");
    }
    out.append('\n');
    inFlightHeap(out);
  }

  private void inFlightHeap(StringBuilder out) {
    if (inFlightHeap == null) {
      return;
    }
    InFlightHeapProbe.InFlightHeap heap = inFlightHeap;
    String inFlight = String.format(Locale.ROOT, "%,d", heap.inFlight());
    out.append("### Heap with ").append(inFlight).append(" requests in flight\n\n")
        .append("One proxy in ASYNC mode (as in scenario 1), a driver session with ").append(heap.connections())
        .append(" connections to it, a closed loop keeping ").append(inFlight)
        .append(" requests in flight, half single-row reads and half single-row writes, for ")
        .append(heap.load().elapsed().toSeconds()).append(" s after a ").append(settings.warmupSeconds())
        .append(" s warmup; the proxy's JVM has `").append(String.join(" ", ((ProxyLauncher.ChildProcesses) launcher).jvmFlags()))
        .append("`.\n\n")
        .append("| measure | connected, nothing in flight | ").append(inFlight).append(" in flight |\n|---|--:|--:|\n")
        .append("| **live heap after a forced full collection** (`jcmd <pid> GC.run`, then "
            + "`jvm_gc_live_data_size_bytes`) | ").append(mebibytes(heap.idleLiveBytes())).append(" | **")
        .append(mebibytes(heap.loadedLiveBytes())).append("** |\n")
        .append("| heap in use, highest of ").append(heap.samples())
        .append(" samples every 0.5 s, garbage included (`jvm_memory_used_bytes{area=\"heap\"}`) | | ")
        .append(mebibytes(heap.maxHeapUsedBytes())).append(" of `-Xmx").append(heap()).append("` |\n")
        .append("| direct buffers, highest sample (`jvm_buffer_memory_used_bytes{id=\"direct\"}`) | | ")
        .append(mebibytes(heap.maxDirectBytes())).append(" |\n\n")
        .append("Through the proxy meanwhile: ").append(Markdown.operations(heap.load().operationsPerSecond()))
        .append(" ops/s, p50 ").append(Markdown.millis(heap.load().p50Millis())).append(" ms, p99 ")
        .append(Markdown.millis(heap.load().p99Millis())).append(" ms, ").append(heap.load().failed())
        .append(" errors. Collection pauses during the phase (the forced one left out): ").append(heap.gcPauses())
        .append(", ").append(String.format(Locale.ROOT, "%.0f", heap.gcPauseMillis())).append(" ms in all.\n");
    for (String note : heap.notes()) {
      out.append("- ").append(note).append('\n');
    }
    out.append('\n');
  }

  private static String seconds(double seconds) {
    return Double.isNaN(seconds) ? "n/a" : String.format(Locale.ROOT, "%.3f", seconds);
  }

  private static String decimal(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String mebibytes(Long bytes) {
    return bytes == null ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  private static void scenario(StringBuilder out, int number, ProxyOutcome outcome) {
    ScenarioResult result = outcome.result();
    Scenario scenario = result.scenario();
    LatencyReport baseline = result.baselineReport();
    LatencyReport candidate = result.candidateReport();
    out.append("## ").append(number).append(". ").append(scenario.title()).append("\n\n")
        .append(scenario.description()).append("\n\n")
        .append("Load: ").append(outcome.load()).append(".\n\n");
    out.append(Markdown.LATENCY_HEADER);
    out.append(Markdown.latencyRow("baseline: " + scenario.baseline().label(), baseline));
    out.append(Markdown.latencyRow("candidate: " + scenario.candidate().label(), candidate));
    out.append("| **candidate / baseline** | **").append(Markdown.ratio(result.throughputRatio())).append("** | ")
        .append(Markdown.ratio(candidate.p50Millis() / baseline.p50Millis())).append(" | ")
        .append(Markdown.ratio(candidate.p99Millis() / baseline.p99Millis())).append(" | ")
        .append(Markdown.ratio(candidate.p999Millis() / baseline.p999Millis())).append(" | | | |\n")
        .append("| **candidate − baseline** | | ")
        .append(ProxyGoal.signedMillis(candidate.p50Millis() - baseline.p50Millis())).append(" | **")
        .append(ProxyGoal.signedMillis(ProxyGoal.addedP99Millis(result))).append("** | ")
        .append(ProxyGoal.signedMillis(candidate.p999Millis() - baseline.p999Millis())).append(" | | | |\n\n");
    out.append("Goal: ").append(outcome.goal().sentence()).append(" — ")
        .append(outcome.goalMet() ? "**met**" : "**not met**").append(" (")
        .append(outcome.goal().score(result)).append("). p99 added: ")
        .append(ProxyGoal.signedMillis(ProxyGoal.addedP99Millis(result))).append(".\n\n");
    out.append(Markdown.roundsAndFindings(result)).append('\n');
  }

  private void method(StringBuilder out) {
    out.append("## How it was measured\n\n")
        .append(ownProcess()
            ? "- The harness's JVM holds the client driver, each scenario's proxy a JVM of its own; they run against "
            : "- One JVM holds the client driver and every proxy (started in-process with `TandemProxy.start`), "
                + "against ").append(settings.clusters()).append(". Cassandra ").append(settings.cassandraVersions())
        .append(".\n")
        .append("- Each scenario starts its own proxy: ").append(proxySettings).append(". Mirror settings: ")
        .append(settings.mirrorSettings()).append(".\n")
        .append("- Every contender uses the same DataStax Java driver with the same settings (request timeout "
            + "10 s, the default pool of one connection per node, protocol v4 pinned for all — the proxy offers "
            + "v3 and v4 — so that only the proxy hop differs). A direct session's contact point is the source "
            + "node; a candidate's only contact point is the proxy. Prepared statements, consistency LOCAL_ONE.\n")
        .append("- Before the first scenario, ").append(settings.clusterWarmupSeconds())
        .append(" s of reads and writes on both clusters with direct sessions (not measured).\n")
        .append("- Per scenario: ").append(proxyWarmupSeconds > 0 ? "first " + proxyWarmupSeconds + " s of the "
            + "candidate's load through the newly started proxy, in a closed loop (not measured: a proxy runs for "
            + "long, so its JVM is not timed while it still compiles its hot path); then " : "")
        .append("a ").append(settings.warmupSeconds()).append(" s warmup of each contender, then ")
        .append(settings.rounds()).append(" measured rounds of ").append(settings.measureSeconds())
        .append(" s per contender in ABBA order (baseline first in odd rounds, candidate first in even rounds).\n")
        .append("- Saturated scenarios: a closed loop with ").append(settings.concurrency())
        .append(" requests in flight from one issuing thread; throughput is the measure.\n")
        .append("- Fixed-rate scenarios: an open loop issuing at a fixed share of the direct session's rate "
            + "measured in the saturated scenario just before, the same rate for both contenders; latency runs "
            + "from when each request was due (so a late issue counts), and p99 added (candidate p99 − baseline "
            + "p99, all rounds merged) is the measure.\n")
        .append("- Tables `(id int PRIMARY KEY, v text)`; reads pick one of ").append(settings.readRows())
        .append(" pre-loaded rows at random; writes pick one of ").append(settings.writeKeys())
        .append(" keys at random and store a ").append(settings.valueSize()).append("-character value.\n")
        .append("- Latency in HdrHistogram, µs precision; throughput is successful requests over measured time, "
            + "all rounds together.\n");
    if (ownProcess()) {
      out.append("- CPU: the proxy's JVM and the source node as the operating system accounts them "
              + "(`ProcessHandle.info().totalCpuDuration()`: `utime + stime` of `/proc/<pid>/stat` on Linux, "
              + "10 ms ticks), read when each measured phase starts and once its mirrored copies finished; the "
              + "proxy's JIT compiler and garbage collector count, and so do the one or two reads of its "
              + "`/metrics` after each phase that wait for the copies.\n")
          .append("- Heap: see its section; the live heap is the old generation after a full collection, which is "
              + "what the proxy holds, not the garbage it has yet to collect.\n");
    }
    out.append('\n');
  }

  private void caveats(StringBuilder out) {
    out.append("## Caveats\n\n").append(pinning != null ? "- Each proxy has CPUs of its own, as on a host of its "
            + "own; the client and both Cassandra nodes share the others, so the direct session's figures are those "
            + "of a smaller machine than in section \"proxy\". The hop to the proxy is loopback, so on a real "
            + "network the proxy adds one network round trip more than the latencies here show.\n"
            : (ownProcess() ? "- Each proxy runs in a JVM of its own but shares the "
            : "- The proxy runs in the client's JVM and shares the ") + machine.cores()
        + " cores with the client and both Cassandra nodes: the CPU the proxy spends is taken from the "
            + "source node and the client, so the throughput ratios understate what a proxy on its own machine "
            + "would reach. The hop to the proxy is loopback, so on a real network the proxy adds one network "
            + "round trip more than the latencies here show.\n")
        .append("- Mirrored writes make the target do work on the same cores the source needs; the dual-write "
            + "scenarios therefore compare against client code that writes both clusters too.\n");
    out.append(Markdown.busyMachineCaveat(machine));
    for (int index = 0; index < outcomes.size(); index++) {
      out.append(Markdown.noisyRoundsCaveat(outcomes.get(index).result()));
      if (index > 0) {
        out.append(notBelowSaturationCaveat(outcomes.get(index - 1), outcomes.get(index)));
      }
    }
    if (settings.quick()) {
      out.append("- Quick run: phases too short for stable numbers.\n");
    }
    out.append('\n');
  }

  /**
   * A caveat line when a fixed-rate scenario's baseline had a higher p99 than when saturated in the scenario
   * before it (the one its rate came from): the rate was then not below what the machine sustained smoothly.
   */
  private static String notBelowSaturationCaveat(ProxyOutcome saturated, ProxyOutcome fixedRate) {
    if (!(fixedRate.driver() instanceof FixedRateRunner) || saturated.driver() instanceof FixedRateRunner) {
      return "";
    }
    LatencyReport atRate = fixedRate.result().baselineReport();
    LatencyReport atSaturation = saturated.result().baselineReport();
    if (atRate.p99Millis() <= atSaturation.p99Millis()) {
      return "";
    }
    return "- " + fixedRate.result().scenario().name() + ": the baseline's own p99 at the fixed rate ("
        + Markdown.millis(atRate.p99Millis()) + " ms) is above its p99 when saturated in `"
        + saturated.result().scenario().name() + "` (" + Markdown.millis(atSaturation.p99Millis()) + " ms): at "
        + "that moment the rate was not below what the shared cores sustained smoothly (flushes, compilation, "
        + "other processes), so the p99 added there says little. A lower `--rate-fraction` or a quieter machine "
        + "helps.\n";
  }
}
