package io.tandem.core.internal.control;

import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationException.Reason;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.control.PhaseChange;
import io.tandem.core.api.control.StepRequest;
import java.time.Instant;
import java.util.List;

/**
 * Where the phase may change: which phase a step forward or back leads to, and which steps are refused before
 * any gate is checked. Forward one phase at a time up to DONE; back one phase at a time down to DUAL_WRITE, and
 * out of TARGET_ONLY only when forced (the source missed every write since TARGET_ONLY; DONE back to TARGET_ONLY
 * loses nothing, neither writes the source).
 */
final class PhaseTransitions {

  private PhaseTransitions() {}

  /**
   * The phase {@code request} moves {@code current} forward to.
   *
   * @throws MigrationException {@code INVALID_STEP} from DONE or when another phase than the next is asked
   */
  static Phase forward(MigrationRecord current, StepRequest request) {
    Phase next = current.phase().next();
    alreadyThere(current, request);
    if (next == null) {
      throw invalid("Migration '" + current.id() + "' is DONE: there is no phase after it");
    }
    if (request.to() != null && request.to() != next) {
      throw invalid("Migration '" + current.id() + "' cannot skip from " + current.phase() + " to "
          + request.to() + ": the next phase is " + next + " (phases go forward one at a time)");
    }
    return next;
  }

  /**
   * The phase {@code request} moves {@code current} back to.
   *
   * @param history the migration's history, to say since when writes reached the target only
   * @throws MigrationException {@code INVALID_STEP} from SETUP or DUAL_WRITE, when another phase than the
   *     previous is asked, or out of TARGET_ONLY without {@code force}
   */
  static Phase backward(MigrationRecord current, StepRequest request, List<PhaseChange> history) {
    Phase from = current.phase();
    alreadyThere(current, request);
    if (from == Phase.SETUP) {
      throw invalid("Migration '" + current.id() + "' is in SETUP: there is no phase before it");
    }
    if (from == Phase.DUAL_WRITE) {
      throw invalid("Migration '" + current.id() + "' is in DUAL_WRITE: rollback goes down to DUAL_WRITE; to "
          + "stop dual writes, start the instances without a migration id (they then run on their own "
          + "configuration) and abandon this migration");
    }
    Phase previous = from.previous();
    if (request.to() != null && request.to() != previous) {
      throw invalid("Migration '" + current.id() + "' cannot roll back from " + from + " to " + request.to()
          + ": the previous phase is " + previous + " (rollback goes back one phase at a time)");
    }
    if (leavesTargetOnly(from) && !request.force()) {
      throw invalid(copyBackFirst(current, targetOnlySince(history)));
    }
    return previous;
  }

  /** Whether a step back from {@code from} needs a copy target → source first. */
  static boolean leavesTargetOnly(Phase from) {
    return from == Phase.TARGET_ONLY;
  }

  private static String copyBackFirst(MigrationRecord current, Instant since) {
    String id = current.id();
    return "Migration '" + id + "' is in " + current.phase() + ": writes made since "
        + (since == null ? "it entered TARGET_ONLY" : since + " (when it entered TARGET_ONLY)")
        + " reached the target only and must be copied target → source first:\n"
        + "  tandem copy --source <TARGET contact points> --target <SOURCE contact points> --keyspace <keyspace>"
        + " --checkpoint-dir <new folder>\n"
        + "then:\n"
        + "  tandem migrate rollback " + id + " --force --reason \"copied back\"\n"
        + "and run the same copy once more (another new folder) for the writes made in between: it keeps writetimes,"
        + " so nothing newer on the source is overwritten";
  }

  private static Instant targetOnlySince(List<PhaseChange> history) {
    Instant since = null;
    for (PhaseChange change : history) {
      if (change.to() == Phase.TARGET_ONLY && change.from() == Phase.TARGET_PRIMARY) {
        since = change.at();
      }
    }
    return since;
  }

  /**
   * An operator who names the phase the migration is already in lost a race: someone else moved it there between
   * the operator's look and the command.
   */
  private static void alreadyThere(MigrationRecord current, StepRequest request) {
    if (request.to() == current.phase()) {
      throw new MigrationException(Reason.CONCURRENT_CHANGE, "Migration '" + current.id() + "' is already in "
          + current.phase() + " (version " + current.version() + ", changed at " + current.changedAt()
          + "): someone else moved it there; nothing was changed by this request. Run `tandem migrate status "
          + current.id() + "` before deciding what to do next");
    }
  }

  private static MigrationException invalid(String message) {
    return new MigrationException(Reason.INVALID_STEP, message);
  }
}
