package io.tandem.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the results as Markdown: a summary, one table per scenario, the machine facts, the settings,
 * the command that reproduces them, and the caveats the numbers themselves point to.
 */
public final class ResultsWriter {

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
    out.append(Markdown.LATENCY_HEADER);
    out.append(Markdown.latencyRow("baseline: " + scenario.baseline().label(), baseline));
    out.append(Markdown.latencyRow("candidate: " + scenario.candidate().label(), candidate));
    out.append("| **candidate / baseline** | **").append(ratio(result.throughputRatio())).append("** | ")
        .append(ratio(candidate.p50Millis() / baseline.p50Millis())).append(" | ")
        .append(ratio(candidate.p99Millis() / baseline.p99Millis())).append(" | ")
        .append(ratio(candidate.p999Millis() / baseline.p999Millis())).append(" | | | |\n\n");
    out.append("Goal: candidate throughput ≥ ").append(scenario.goalRatio()).append(" × baseline — ")
        .append(result.goalMet() ? "**met**" : "**not met**").append(" (")
        .append(ratio(result.throughputRatio())).append(").\n\n");
    out.append(Markdown.roundsAndFindings(result));
    out.append('\n');
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
    out.append(Markdown.machineSection(machine));
  }

  private void caveats(StringBuilder out) {
    out.append("## Caveats\n\n");
    if (settings.clusters().contains("same machine")) {
      out.append("- The harness and both Cassandra nodes share the machine's ").append(machine.cores())
          .append(" cores. A mirrored write makes the target do work on the same CPUs the source needs, so "
              + "the write ratios understate what clusters on their own machines would show; reads are not "
              + "affected that way (the target is idle).\n");
    }
    out.append(Markdown.busyMachineCaveat(machine));
    for (ScenarioResult result : results) {
      out.append(Markdown.noisyRoundsCaveat(result));
    }
    if (settings.quick()) {
      out.append("- Quick run: phases too short for stable numbers.\n");
    }
    out.append('\n');
  }

  private static String operations(double perSecond) {
    return Markdown.operations(perSecond);
  }

  private static String ratio(double ratio) {
    return Markdown.ratio(ratio);
  }
}
