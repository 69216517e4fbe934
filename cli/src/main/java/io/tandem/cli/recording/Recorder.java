package io.tandem.cli.recording;

import io.tandem.cli.control.ControlPlane;
import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.api.control.ValidationSummary;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes copy progress and validation summaries of one migration into its control store. A failed write is a
 * warning (once), never the command's failure: the copy or validation goes on. Thread-safe.
 */
final class Recorder implements AutoCloseable {

  private final String migrationId;
  private final ControlPlane plane;
  private final Clock clock;
  private final PrintWriter err;
  private final String what;
  private final AtomicBoolean warned = new AtomicBoolean();

  Recorder(String migrationId, ControlPlane plane, Clock clock, PrintWriter err, String what) {
    this.migrationId = migrationId;
    this.plane = plane;
    this.clock = clock;
    this.err = err;
    this.what = what;
  }

  String migrationId() {
    return migrationId;
  }

  Clock clock() {
    return clock;
  }

  void record(CopyProgress progress) {
    try {
      plane.store().recordCopyProgress(migrationId, progress);
    } catch (RuntimeException e) {
      warn(e);
    }
  }

  /** Whether it was recorded. */
  boolean record(ValidationSummary summary) {
    try {
      plane.store().recordValidation(migrationId, summary);
      return true;
    } catch (RuntimeException e) {
      warn(e);
      return false;
    }
  }

  private void warn(RuntimeException e) {
    if (warned.compareAndSet(false, true)) {
      err.println("WARN: cannot write to the control store (" + e.getMessage() + "); the " + what + " goes on, "
          + "but it is not recorded in migration " + migrationId);
      err.flush();
    }
  }

  @Override
  public void close() {
    plane.close();
  }
}
