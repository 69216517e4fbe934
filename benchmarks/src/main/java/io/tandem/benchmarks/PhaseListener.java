package io.tandem.benchmarks;

/**
 * Told by {@link ScenarioRunner} when each phase of a scenario starts and ends, for measurements that run
 * beside the requests (the CPU of a process, for example). Both methods are called on the runner's thread.
 */
public interface PhaseListener {

  /** A listener that does nothing. */
  PhaseListener NONE = new PhaseListener() {};

  /**
   * Just before a phase of {@code contender} starts.
   *
   * @param measured false for a warmup, true for a measured round
   */
  default void starting(Scenario scenario, Contender contender, boolean measured) {}

  /** Once the phase's requests were answered and the contender settled what it left behind. */
  default void finished(Scenario scenario, Contender contender, boolean measured, PhaseResult result) {}
}
