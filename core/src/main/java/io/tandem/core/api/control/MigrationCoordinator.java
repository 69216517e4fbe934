package io.tandem.core.api.control;

import io.tandem.core.api.mirror.MirrorMode;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The operator's side of the control plane: creates migrations, shows where they stand and moves them through
 * their {@link Phase phases}. The CLI ({@code tandem migrate}) and the proxy's admin endpoint both call this.
 * Each forward step checks its gates and is refused, naming every failing gate, unless forced with a reason;
 * each change is one lightweight transaction in the {@link ControlStore}, recorded in the history.
 */
public interface MigrationCoordinator {

  /** A coordinator over {@code store}; {@code config} gives the gates' thresholds, {@code clock} the time. */
  static MigrationCoordinator create(ControlStore store, ControlConfig config, Clock clock) {
    return new io.tandem.core.internal.control.DefaultMigrationCoordinator(store, config, clock);
  }

  /**
   * Creates a migration in {@link Phase#SETUP}, version 1.
   *
   * @throws MigrationException {@code ALREADY_EXISTS}; {@link IllegalArgumentException} for a bad id
   */
  MigrationRecord create(String id, MirrorMode defaultMode, Map<String, MirrorMode> overrides, String who);

  /** @throws MigrationException {@code UNKNOWN_MIGRATION}, {@code MALFORMED_STATE}, {@code STORE_UNAVAILABLE} */
  MigrationStatus status(String id);

  /**
   * Moves the migration to the next phase if every gate passes (or {@code request.force()}).
   *
   * @throws MigrationException {@code GATES_REFUSED} with every gate's result, {@code INVALID_STEP} when {@code
   *     request.to()} is not the next phase, {@code CONCURRENT_CHANGE} when someone else moved it first
   */
  MigrationRecord advance(String id, StepRequest request);

  /**
   * Moves the migration one phase back, down to {@link Phase#DUAL_WRITE}. Leaving {@link Phase#TARGET_ONLY}
   * backwards is refused unless forced: the message says what must first be copied from the
   * target to the source, with the command.
   */
  MigrationRecord rollback(String id, StepRequest request);

  /** The migration's history, oldest first. */
  List<PhaseChange> history(String id);

  /** Every instance following the migration, as the gates see it. */
  List<InstanceStatus> instances(String id);
}
