package io.tandem.benchmarks.proxy;

import io.tandem.benchmarks.PhaseDriver;
import io.tandem.benchmarks.PhaseListener;
import io.tandem.benchmarks.Scenario;

/**
 * One scenario of the proxy harness, with how its requests are issued, the goal its candidate must reach and,
 * when its proxy runs in a JVM of its own, what measures that JVM's CPU (else null). Closing it closes the
 * scenario's sessions and proxy.
 */
public record ProxyComparison(Scenario scenario, PhaseDriver driver, String load, ProxyGoal goal,
    ProcessCpuMeter cpu) implements AutoCloseable {

  /** What the scenario runner tells when phases start and end. */
  PhaseListener listener() {
    return cpu != null ? cpu : PhaseListener.NONE;
  }

  @Override
  public void close() {
    scenario.close();
  }
}
