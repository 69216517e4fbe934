package io.tandem.core.api.control;

import io.tandem.core.api.mirror.MirrorMode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One migration as the control store holds it. Every change makes a new record with the next {@code version};
 * the store accepts it only if the version it replaces is still current.
 *
 * @param id the migration id instances follow ({@code withMigration(id)}, {@code --migration id})
 * @param phase where the migration stands
 * @param defaultMode the mirror mode of tables without an override
 * @param overrides mirror modes by {@code "keyspace"} or {@code "keyspace.table"}
 * @param version starts at 1, one more per change
 * @param changedAt when this version was written
 * @param dualWriteSince when the migration last entered {@link Phase#DUAL_WRITE} from {@link Phase#SETUP}, or
 *     {@code null} before; validations older than this prove nothing
 */
public record MigrationRecord(String id, Phase phase, MirrorMode defaultMode, Map<String, MirrorMode> overrides,
    long version, Instant changedAt, Instant dualWriteSince) {

  public MigrationRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(defaultMode, "defaultMode");
    Objects.requireNonNull(changedAt, "changedAt");
    overrides = Map.copyOf(overrides);
  }

  /** The state every instance following this migration serves with. */
  public MigrationState state() {
    return phase.applyTo(MigrationState.initial(defaultMode, overrides));
  }

  /** This record moved to {@code to} as the next version, written at {@code at}. */
  public MigrationRecord movedTo(Phase to, Instant at) {
    Instant since = to == Phase.DUAL_WRITE && phase == Phase.SETUP ? at : dualWriteSince;
    return new MigrationRecord(id, to, defaultMode, overrides, version + 1, at, since);
  }
}
