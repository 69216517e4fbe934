package io.tandem.cli.migrate;

import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.PhaseChange;
import java.io.PrintWriter;
import java.util.List;

/** What {@code advance} and {@code rollback} print: the step taken with its gates, or the refusal. */
final class Steps {

  private Steps() {}

  /** The new phase and the verdict of every gate the step checked (from the history entry it wrote). */
  static void moved(String migration, MigrationRecord moved, MigrationCoordinator coordinator, boolean json,
      PrintWriter out) {
    PhaseChange change = coordinator.history(migration).stream()
        .filter(entry -> entry.version() == moved.version()).findFirst().orElse(null);
    List<GateResult> gates = change == null ? List.of() : change.gates();
    boolean forced = change != null && change.forced();
    if (json) {
      out.println(Json.print(Json.moved(moved, change)));
      return;
    }
    out.println(migration + " is now in " + moved.phase() + " (version " + moved.version() + ")"
        + (forced ? ", FORCED: " + change.reason() : "") + ".");
    gates.forEach(gate -> out.println("  " + gate));
  }

  /** Every gate, the failing ones first, and how to override them. */
  static void refused(String migration, String step, MigrationException refusal, boolean json, PrintWriter out) {
    if (json) {
      out.println(Json.print(Json.refused(migration, refusal)));
      return;
    }
    long failed = refusal.gates().stream().filter(gate -> !gate.passed()).count();
    out.println("Refused: " + refusal.getMessage());
    refusal.gates().stream().filter(gate -> !gate.passed()).forEach(gate -> out.println("  " + gate));
    refusal.gates().stream().filter(GateResult::passed).forEach(gate -> out.println("  " + gate));
    out.println(failed + " gate(s) failed; nothing changed. Fix them and run this again, or override: tandem "
        + "migrate " + step + " " + migration + " --force --reason \"why\" (recorded in the history).");
  }
}
