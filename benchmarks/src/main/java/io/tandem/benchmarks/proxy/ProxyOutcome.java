package io.tandem.benchmarks.proxy;

import io.tandem.benchmarks.PhaseDriver;
import io.tandem.benchmarks.ScenarioResult;

/**
 * What one proxy scenario measured.
 *
 * @param result the measured phases of both contenders
 * @param driver how the requests were issued
 * @param load how the requests were issued, in words
 * @param goal what the candidate had to reach
 * @param cpu the CPU of the proxy's JVM (and of the source node) over the measured phases, or null when the
 *     proxy ran in the harness's JVM
 */
public record ProxyOutcome(ScenarioResult result, PhaseDriver driver, String load, ProxyGoal goal,
    ProcessCpuMeter.Summary cpu) {

  public boolean goalMet() {
    return goal.met(result);
  }
}
