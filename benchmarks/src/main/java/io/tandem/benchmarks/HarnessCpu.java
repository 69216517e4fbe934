package io.tandem.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of the harness JVM — the client and Tandem; the Cassandra nodes are other processes — over each measured
 * phase, settling included (the copies still in flight), per contender: the cost of a request on the application's
 * side, which throughput at a fixed concurrency hides when the clusters are the bottleneck.
 */
public final class HarnessCpu implements PhaseListener {

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final Map<Contender, List<double[]>> rounds = new IdentityHashMap<>();
  private long startedNanos;

  @Override
  public void starting(Scenario scenario, Contender contender, boolean measured) {
    startedNanos = OS.getProcessCpuTime();
  }

  @Override
  public void finished(Scenario scenario, Contender contender, boolean measured, PhaseResult result) {
    if (measured) {
      double seconds = (OS.getProcessCpuTime() - startedNanos) / 1e9;
      rounds.computeIfAbsent(contender, key -> new ArrayList<>()).add(new double[] {seconds, result.completed()});
    }
  }

  /** The CPU seconds per 10,000 successful requests of both contenders, all rounds and round by round. */
  public List<String> findings(Contender baseline, Contender candidate) {
    double base = per10k(rounds.getOrDefault(baseline, List.of()));
    double cand = per10k(rounds.getOrDefault(candidate, List.of()));
    return List.of(
        String.format(Locale.ROOT, "Harness JVM CPU (client and Tandem, Cassandra excluded) per 10,000 requests: "
            + "baseline %.3f s, candidate %.3f s; **candidate / baseline %.3f**.", base, cand, cand / base),
        "Round by round, CPU s per 10,000 requests — baseline: " + byRound(baseline) + "; candidate: "
            + byRound(candidate) + ".");
  }

  private String byRound(Contender contender) {
    return String.join(" / ", rounds.getOrDefault(contender, List.of()).stream()
        .map(round -> String.format(Locale.ROOT, "%.3f", per10k(List.of(round)))).toList());
  }

  private static double per10k(List<double[]> phases) {
    double seconds = phases.stream().mapToDouble(phase -> phase[0]).sum();
    double requests = phases.stream().mapToDouble(phase -> phase[1]).sum();
    return requests == 0 ? Double.NaN : seconds / requests * 10_000;
  }
}
