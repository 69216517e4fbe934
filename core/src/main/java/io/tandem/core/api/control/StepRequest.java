package io.tandem.core.api.control;

import java.util.Objects;

/**
 * An operator's request to move a migration one phase forward or back.
 *
 * @param to the phase asked for, or {@code null} for the next (advance) or previous (rollback) one; any other
 *     phase is refused with {@link MigrationException.Reason#INVALID_STEP}
 * @param who the operator, recorded in the history (default: the OS user)
 * @param reason why, recorded in the history; required with {@code force}
 * @param force go ahead even if gates refuse; recorded
 */
public record StepRequest(Phase to, String who, String reason, boolean force) {

  public StepRequest {
    who = who == null || who.isBlank() ? System.getProperty("user.name", "unknown") : who;
    reason = reason == null ? "" : reason;
    if (force && reason.isBlank()) {
      throw new IllegalArgumentException("--force needs --reason \"...\": say why the gates are overridden; "
          + "it is recorded in the migration's history");
    }
  }

  /** The next or previous phase, by {@code who}, for {@code reason}, gates enforced. */
  public static StepRequest by(String who, String reason) {
    return new StepRequest(null, who, reason, false);
  }

  public StepRequest forced(String why) {
    return new StepRequest(to, who, Objects.requireNonNull(why, "why"), true);
  }

  public StepRequest to(Phase phase) {
    return new StepRequest(phase, who, reason, force);
  }
}
