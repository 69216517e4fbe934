package io.tandem.benchmarks.proxy;

import io.tandem.benchmarks.PhaseDriver;
import io.tandem.benchmarks.Scenario;

/**
 * One scenario of the proxy harness, with how its requests are issued and the goal its candidate must reach.
 * Closing it closes the scenario's sessions and proxy.
 */
public record ProxyComparison(Scenario scenario, PhaseDriver driver, String load, ProxyGoal goal)
    implements AutoCloseable {

  @Override
  public void close() {
    scenario.close();
  }
}
