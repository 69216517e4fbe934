package io.tandem.benchmarks;

import java.time.Duration;

/** How a contender's requests are issued during one timed phase: a closed loop or a fixed rate. */
public interface PhaseDriver {

  /** Issues {@code operation} for {@code duration}, then waits for the requests still in flight. */
  PhaseResult run(String label, Operation operation, Duration duration) throws InterruptedException;

  /** The load in words, for the results. */
  String describe();
}
