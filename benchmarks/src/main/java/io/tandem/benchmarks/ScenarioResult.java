package io.tandem.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The measured phases of one scenario, in the order they ran within each contender (round 1 first), and
 * what was found afterwards.
 */
public record ScenarioResult(
    Scenario scenario,
    List<PhaseResult> baselinePhases,
    List<PhaseResult> candidatePhases,
    List<String> findings) {

  public LatencyReport baselineReport() {
    return LatencyReport.of(baselinePhases);
  }

  public LatencyReport candidateReport() {
    return LatencyReport.of(candidatePhases);
  }

  /** Candidate throughput over baseline throughput, all rounds together. */
  public double throughputRatio() {
    return candidateReport().operationsPerSecond() / baselineReport().operationsPerSecond();
  }

  /** Candidate over baseline throughput round by round: their spread shows how noisy the machine was. */
  public List<Double> roundRatios() {
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < Math.min(baselinePhases.size(), candidatePhases.size()); round++) {
      ratios.add(candidatePhases.get(round).operationsPerSecond()
          / baselinePhases.get(round).operationsPerSecond());
    }
    return ratios;
  }

  public boolean goalMet() {
    return throughputRatio() >= scenario.goalRatio();
  }
}
