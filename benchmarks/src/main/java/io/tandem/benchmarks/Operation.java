package io.tandem.benchmarks;

import java.util.concurrent.CompletionStage;

/** One request of a workload: starts it and returns the stage that completes when it is answered. */
@FunctionalInterface
public interface Operation {

  /** Starts one request; must not block (the load runner calls it from its single issuing thread). */
  CompletionStage<?> start();
}
