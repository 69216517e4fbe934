package io.tandem.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Writes the results as Markdown: a summary, one table per scenario, the machine facts, the settings,
 * the command that reproduces them, and the caveats the numbers themselves point to.
 */
public final class ResultsWriter {

  /** CPU of other processes, in cores, above which the machine is called busy. */
  private static final double BUSY_FOREIGN_CORES = 0.2;

  /** Spread of the round-by-round ratios above which a scenario is called noisy. */
  private static final double NOISY_SPREAD = 0.05;

  private final MachineFacts machine;
  private final RunSettings settings;
  private final List<ScenarioResult> results;

  public ResultsWriter(MachineFacts machine, RunSettings settings, List<ScenarioResult> results) {
    this.machine = machine;
    this.settings = settings;
    this.results = List.copyOf(results);
  }

  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ResultsSections.write(file, "load", markdown());
  }

  public String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("# DualWriteCqlSession overhead: load harness results\n\n");
    out.append(settings.quick() ? "**Quick run** (short phases: a smoke test, not a measurement). " : "")
        .append("Run on ").append(machine.startedAt()).append(" on ").append(machine.cores())
        .append(" cores, Java ").append(System.getProperty("java.version")).append(", code ")
        .append(settings.codeVersion()).append(". Reproduce from the repository root with:\n\n```bash\n")
        .append(settings.command()).append("\n```\n\n");
    summary(out);
    for (ScenarioResult result : results) {
      scenario(out, result);
    }
    method(out);
    machine(out);
    caveats(out);
    return out.toString();
  }

  private void summary(StringBuilder out) {
    out.append("## Summary\n\n| scenario | baseline ops/s | candidate ops/s | ratio | goal | met |\n"
        + "|---|--:|--:|--:|--:|:-:|\n");
    for (ScenarioResult result : results) {
      out.append("| ").append(result.scenario().title().replaceFirst("^\\d+\\. ", ""))
          .append(" | ").append(operations(result.baselineReport().operationsPerSecond()))
          .append(" | ").append(operations(result.candidateReport().operationsPerSecond()))
          .append(" | ").append(ratio(result.throughputRatio()))
          .append(" | ≥ ").append(result.scenario().goalRatio())
          .append(" | ").append(result.goalMet() ? "yes" : "**no**").append(" |\n");
    }
    out.append('\n');
  }

  private void scenario(StringBuilder out, ScenarioResult result) {
    Scenario scenario = result.scenario();
    LatencyReport baseline = result.baselineReport();
    LatencyReport candidate = result.candidateReport();
    out.append("## ").append(scenario.title()).append("\n\n").append(scenario.description()).append("\n\n");
    out.append("| contender | ops/s | p50 ms | p99 ms | p99.9 ms | max ms | requests | errors |\n"
        + "|---|--:|--:|--:|--:|--:|--:|--:|\n");
    row(out, "baseline: " + scenario.baseline().label(), baseline);
    row(out, "candidate: " + scenario.candidate().label(), candidate);
    out.append("| **candidate / baseline** | **").append(ratio(result.throughputRatio())).append("** | ")
        .append(ratio(candidate.p50Millis() / baseline.p50Millis())).append(" | ")
        .append(ratio(candidate.p99Millis() / baseline.p99Millis())).append(" | ")
        .append(ratio(candidate.p999Millis() / baseline.p999Millis())).append(" | | | |\n\n");
    out.append("Goal: candidate throughput ≥ ").append(scenario.goalRatio()).append(" × baseline — ")
        .append(result.goalMet() ? "**met**" : "**not met**").append(" (")
        .append(ratio(result.throughputRatio())).append(").\n\n");
    out.append("Round by round, ops/s — baseline: ").append(perRound(result.baselinePhases()))
        .append("; candidate: ").append(perRound(result.candidatePhases()))
        .append("; ratios: ").append(result.roundRatios().stream().map(ResultsWriter::ratio)
            .collect(Collectors.joining(", "))).append(".\n");
    List<String> settleNotes = result.candidatePhases().stream().map(PhaseResult::settleNote)
        .filter(Objects::nonNull).toList();
    if (!settleNotes.isEmpty()) {
      out.append("After each measured candidate phase: ").append(String.join("; ", settleNotes)).append(".\n");
    }
    for (String finding : result.findings()) {
      out.append("- ").append(finding).append('\n');
    }
    firstErrors(out, result);
    out.append('\n');
  }

  private static void row(StringBuilder out, String label, LatencyReport report) {
    out.append("| ").append(label)
        .append(" | ").append(operations(report.operationsPerSecond()))
        .append(" | ").append(millis(report.p50Millis()))
        .append(" | ").append(millis(report.p99Millis()))
        .append(" | ").append(millis(report.p999Millis()))
        .append(" | ").append(millis(report.maxMillis()))
        .append(" | ").append(String.format(Locale.ROOT, "%,d", report.completed()))
        .append(" | ").append(report.failed()).append(" |\n");
  }

  private static void firstErrors(StringBuilder out, ScenarioResult result) {
    for (List<PhaseResult> phases : List.of(result.baselinePhases(), result.candidatePhases())) {
      phases.stream().filter(phase -> phase.firstError() != null).findFirst().ifPresent(phase ->
          out.append("- First error of ").append(phase.label()).append(": `")
              .append(phase.firstError().toString().replace('`', '\'')).append("`\n"));
    }
  }

  private void method(StringBuilder out) {
    out.append("## How it was measured\n\n")
        .append("- One JVM drives every contender against the same clusters: ").append(settings.clusters())
        .append(". Cassandra ").append(settings.cassandraVersions()).append(".\n")
        .append("- Every `DualWriteCqlSession` runs with mirror settings ").append(settings.mirrorSettings())
        .append("; shadow reads off; its meters go to a `SimpleMeterRegistry` of its own.\n")
        .append("- Closed loop with ").append(settings.concurrency()).append(" asynchronous requests in "
            + "flight (a semaphore), one issuing thread, prepared statements, consistency LOCAL_ONE, "
            + "replication factor as given, the driver's default pool (one connection per node).\n")
        .append("- Before the first scenario, ").append(settings.clusterWarmupSeconds())
        .append(" s of reads and writes on both clusters with plain sessions (not measured), to warm their "
            + "JIT.\n")
        .append("- Per scenario: a ").append(settings.warmupSeconds()).append(" s warmup of each contender, "
            + "then ").append(settings.rounds()).append(" measured rounds of ").append(settings.measureSeconds())
        .append(" s per contender in ABBA order (baseline first in odd rounds, candidate first in even "
            + "rounds), so drift hits both.\n")
        .append("- Tables `(id int PRIMARY KEY, v text)`; reads pick one of ").append(settings.readRows())
        .append(" pre-loaded rows at random; writes pick one of ").append(settings.writeKeys())
        .append(" keys at random and store a ").append(settings.valueSize()).append("-character value.\n")
        .append("- Latency runs from the start of a request to its answer (HdrHistogram, µs precision); it is "
            + "the latency at this fixed concurrency, not under an open-loop arrival rate.\n")
        .append("- Throughput is successful requests over measured time, all rounds together; the elapsed "
            + "time of a phase ends when its last in-flight request is answered.\n\n");
  }

  private void machine(StringBuilder out) {
    out.append("## Machine\n\n")
        .append("| fact | value |\n|---|---|\n")
        .append("| cores | ").append(machine.cores()).append(" |\n")
        .append("| processor | ").append(machine.processor()).append(" |\n")
        .append("| memory | ").append(machine.memory()).append(" |\n")
        .append("| Java | ").append(machine.java()).append(" |\n")
        .append("| operating system | ").append(machine.operatingSystem()).append(" |\n")
        .append("| harness JVM flags | ").append(machine.harnessJvmArguments().isEmpty() ? "(none)"
            : "`" + String.join(" ", machine.harnessJvmArguments()) + "`").append(" |\n")
        .append("| started / finished | ").append(machine.startedAt()).append(" / ")
        .append(machine.finishedAt()).append(" |\n")
        .append("| CPU, sampled every 5 s: this run (harness + its Cassandra nodes) / everything else, mean | ")
        .append(cores(machine.load().meanOwnCpu())).append(" / ").append(cores(machine.load().meanForeignCpu()))
        .append(" (everything else peaked at ").append(cores(machine.load().maximumForeignCpu())).append(") |\n")
        .append("| load average (1 min), mean, this run included | ").append(load(machine.load().meanLoad()))
        .append(" |\n")
        .append("| Cassandra JVMs of another run up at once, at most | ")
        .append(machine.load().maximumForeignCassandraJvms()).append(" (in ")
        .append(machine.load().samplesWithForeignCassandra()).append(" of ").append(machine.load().samples())
        .append(" samples) |\n\n");
  }

  private void caveats(StringBuilder out) {
    out.append("## Caveats\n\n");
    if (settings.clusters().contains("same machine")) {
      out.append("- The harness and both Cassandra nodes share the machine's ").append(machine.cores())
          .append(" cores. A mirrored write makes the target do work on the same CPUs the source needs, so "
              + "the write ratios understate what clusters on their own machines would show; reads are not "
              + "affected that way (the target is idle).\n");
    }
    MachineLoadSampler.Summary load = machine.load();
    if (load.samplesWithForeignCassandra() > 0 || load.meanForeignCpu() > BUSY_FOREIGN_CORES) {
      out.append("- The machine was not the run's alone: other processes used ").append(cores(load.meanForeignCpu()))
          .append(" on average (peak ").append(cores(load.maximumForeignCpu())).append(") of the ")
          .append(machine.cores()).append(" cores, and Cassandra JVMs of another run (a concurrent test suite) "
              + "were up in ").append(load.samplesWithForeignCassandra()).append(" of ").append(load.samples())
          .append(" samples. Treat the numbers as noisy; the ABBA order spreads the noise over both "
              + "contenders but does not remove it.\n");
    }
    for (ScenarioResult result : results) {
      List<Double> ratios = result.roundRatios();
      double spread = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0)
          - ratios.stream().mapToDouble(Double::doubleValue).min().orElse(0);
      if (spread > NOISY_SPREAD) {
        out.append("- ").append(result.scenario().name()).append(": the round-by-round ratios spread by ")
            .append(ratio(spread)).append(", so its overall ratio is uncertain by about as much.\n");
      }
    }
    if (settings.quick()) {
      out.append("- Quick run: phases too short for stable numbers.\n");
    }
    out.append('\n');
  }

  private static String perRound(List<PhaseResult> phases) {
    return phases.stream().map(phase -> operations(phase.operationsPerSecond())).collect(Collectors.joining(" / "));
  }

  private static String operations(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  private static String millis(double millis) {
    return String.format(Locale.ROOT, "%.2f", millis);
  }

  private static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.3f", ratio);
  }

  private static String cores(double cores) {
    return Double.isNaN(cores) ? "n/a" : String.format(Locale.ROOT, "%.2f cores", cores);
  }

  private static String load(double load) {
    return load < 0 || Double.isNaN(load) ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
  }
}
