package io.tandem.proxy.internal.admin;

import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.replay.ReplayReport;
import java.util.concurrent.CompletionStage;

/** The failed-write log as operators reach it through the admin endpoint: what waits, and a replay on demand. */
public interface FailedWrites {

  /** Entries waiting to be replayed. */
  long pending();

  /** Replays the log now (after any run in progress); completes with what the run did. */
  CompletionStage<ReplayReport> replayNow();

  /** The engine's own log. */
  static FailedWrites of(MirrorEngine engine) {
    return new FailedWrites() {
      @Override
      public long pending() {
        return engine.failedWrites().pendingCount();
      }

      @Override
      public CompletionStage<ReplayReport> replayNow() {
        return engine.replayNow();
      }
    };
  }
}
