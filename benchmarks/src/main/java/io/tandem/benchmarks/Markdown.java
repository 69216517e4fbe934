package io.tandem.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The Markdown pieces every harness's results share: number formats, a contender's latency row, the
 * machine table and the caveats drawn from how busy the machine was and how much the rounds disagreed.
 */
public final class Markdown {

  /** CPU of other processes, in cores, above which the machine is called busy. */
  private static final double BUSY_FOREIGN_CORES = 0.2;

  /** Spread of the round-by-round ratios above which a scenario is called noisy. */
  private static final double NOISY_SPREAD = 0.05;

  /** Header of the table {@link #latencyRow} fills. */
  public static final String LATENCY_HEADER =
      "| contender | ops/s | p50 ms | p99 ms | p99.9 ms | max ms | requests | errors |\n"
          + "|---|--:|--:|--:|--:|--:|--:|--:|\n";

  private Markdown() {}

  public static String operations(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  public static String millis(double millis) {
    return String.format(Locale.ROOT, "%.2f", millis);
  }

  public static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.3f", ratio);
  }

  public static String cores(double cores) {
    return Double.isNaN(cores) ? "n/a" : String.format(Locale.ROOT, "%.2f cores", cores);
  }

  public static String loadAverage(double load) {
    return load < 0 || Double.isNaN(load) ? "n/a" : String.format(Locale.ROOT, "%.2f", load);
  }

  /** One row of the {@link #LATENCY_HEADER} table. */
  public static String latencyRow(String label, LatencyReport report) {
    return "| " + label
        + " | " + operations(report.operationsPerSecond())
        + " | " + millis(report.p50Millis())
        + " | " + millis(report.p99Millis())
        + " | " + millis(report.p999Millis())
        + " | " + millis(report.maxMillis())
        + " | " + String.format(Locale.ROOT, "%,d", report.completed())
        + " | " + report.failed() + " |\n";
  }

  /** The phases' throughput, round by round, for example {@code "12,000 / 11,800"}. */
  public static String perRound(List<PhaseResult> phases) {
    return phases.stream().map(phase -> operations(phase.operationsPerSecond())).collect(Collectors.joining(" / "));
  }

  /** The phases' p99 latency in milliseconds, round by round, for example {@code "1.85 / 2.10"}. */
  public static String perRoundP99(List<PhaseResult> phases) {
    return phases.stream().map(phase -> String.format(Locale.ROOT, "%.2f",
        phase.latencies().getValueAtPercentile(99.0) / 1000.0)).collect(Collectors.joining(" / "));
  }

  /** The round-by-round lines, the notes the candidate's clean-up left, the findings and the first errors. */
  public static String roundsAndFindings(ScenarioResult result) {
    StringBuilder out = new StringBuilder();
    out.append("Round by round, ops/s — baseline: ").append(perRound(result.baselinePhases()))
        .append("; candidate: ").append(perRound(result.candidatePhases()))
        .append("; ratios: ").append(result.roundRatios().stream().map(Markdown::ratio)
            .collect(Collectors.joining(", "))).append(".\n");
    out.append("Round by round, p99 ms — baseline: ").append(perRoundP99(result.baselinePhases()))
        .append("; candidate: ").append(perRoundP99(result.candidatePhases())).append(".\n");
    List<String> settleNotes = result.candidatePhases().stream().map(PhaseResult::settleNote)
        .filter(Objects::nonNull).toList();
    if (!settleNotes.isEmpty()) {
      out.append("After each measured candidate phase: ").append(String.join("; ", settleNotes)).append(".\n");
    }
    for (String finding : result.findings()) {
      out.append("- ").append(finding).append('\n');
    }
    for (List<PhaseResult> phases : List.of(result.baselinePhases(), result.candidatePhases())) {
      phases.stream().filter(phase -> phase.firstError() != null).findFirst().ifPresent(phase ->
          out.append("- First error of ").append(phase.label()).append(": `")
              .append(phase.firstError().toString().replace('`', '\'')).append("`\n"));
    }
    return out.toString();
  }

  /** The "Machine" section. */
  public static String machineSection(MachineFacts machine) {
    MachineLoadSampler.Summary load = machine.load();
    return "## Machine\n\n"
        + "| fact | value |\n|---|---|\n"
        + "| cores | " + machine.cores() + " |\n"
        + "| processor | " + machine.processor() + " |\n"
        + "| memory | " + machine.memory() + " |\n"
        + "| Java | " + machine.java() + " |\n"
        + "| operating system | " + machine.operatingSystem() + " |\n"
        + "| harness JVM flags | " + (machine.harnessJvmArguments().isEmpty() ? "(none)"
            : "`" + String.join(" ", machine.harnessJvmArguments()) + "`") + " |\n"
        + "| started / finished | " + machine.startedAt() + " / " + machine.finishedAt() + " |\n"
        + "| CPU, sampled every 5 s: this run (harness and the processes it started) / everything else, mean | "
        + cores(load.meanOwnCpu()) + " / " + cores(load.meanForeignCpu())
        + " (everything else peaked at " + cores(load.maximumForeignCpu()) + ") |\n"
        + "| load average (1 min), mean, this run included | " + loadAverage(load.meanLoad()) + " |\n"
        + "| Cassandra JVMs of another run up at once, at most | " + load.maximumForeignCassandraJvms()
        + " (in " + load.samplesWithForeignCassandra() + " of " + load.samples() + " samples) |\n\n";
  }

  /** A caveat line when other processes used the machine meanwhile, or an empty text. */
  public static String busyMachineCaveat(MachineFacts machine) {
    MachineLoadSampler.Summary load = machine.load();
    if (load.samplesWithForeignCassandra() == 0 && load.meanForeignCpu() <= BUSY_FOREIGN_CORES) {
      return "";
    }
    return "- The machine was not the run's alone: other processes used " + cores(load.meanForeignCpu())
        + " on average (peak " + cores(load.maximumForeignCpu()) + ") of the " + machine.cores()
        + " cores, and Cassandra JVMs of another run (a concurrent test suite) were up in "
        + load.samplesWithForeignCassandra() + " of " + load.samples() + " samples. Treat the numbers as noisy; "
        + "the ABBA order spreads the noise over both contenders but does not remove it.\n";
  }

  /** A caveat line when the scenario's round-by-round ratios disagree, or an empty text. */
  public static String noisyRoundsCaveat(ScenarioResult result) {
    List<Double> ratios = result.roundRatios();
    double spread = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0)
        - ratios.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    if (spread <= NOISY_SPREAD) {
      return "";
    }
    return "- " + result.scenario().name() + ": the round-by-round ratios spread by " + ratio(spread)
        + ", so its overall ratio is uncertain by about as much.\n";
  }
}
