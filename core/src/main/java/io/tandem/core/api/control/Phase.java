package io.tandem.core.api.control;

import io.tandem.core.api.Side;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ordered steps of a migration run through the control plane. Each phase fixes where reads go, which cluster
 * is primary and whether writes are mirrored; an operator moves one step forward ({@code advance}, after the
 * step's gates pass) or one step back ({@code rollback}, down to {@link #DUAL_WRITE}).
 */
public enum Phase {
  /** Before dual writes: everything on the source, nothing mirrored. */
  SETUP(Side.SOURCE, Side.SOURCE, false),
  /** Writes mirrored to the target; history not yet copied. */
  DUAL_WRITE(Side.SOURCE, Side.SOURCE, true),
  /** The copy of history finished every range. */
  HISTORY_COPIED(Side.SOURCE, Side.SOURCE, true),
  /** A validation run after dual writes started found no unexplained difference. */
  VALIDATED(Side.SOURCE, Side.SOURCE, true),
  /** Reads served by the target; writes still answered by the source. */
  READS_ON_TARGET(Side.TARGET, Side.SOURCE, true),
  /** Writes answered by the target and mirrored back to the source: the rollback window. */
  TARGET_PRIMARY(Side.TARGET, Side.TARGET, true),
  /** The source gets nothing any more; leaving this phase backwards needs a copy target to source first. */
  TARGET_ONLY(Side.TARGET, Side.TARGET, false),
  /** The migration is over. */
  DONE(Side.TARGET, Side.TARGET, false);

  private final Side readSide;
  private final Side primary;
  private final boolean mirroring;

  Phase(Side readSide, Side primary, boolean mirroring) {
    this.readSide = readSide;
    this.primary = primary;
    this.mirroring = mirroring;
  }

  public Side readSide() {
    return readSide;
  }

  public Side primary() {
    return primary;
  }

  public boolean mirroring() {
    return mirroring;
  }

  /** The next phase, or {@code null} after {@link #DONE}. */
  public Phase next() {
    return this == DONE ? null : values()[ordinal() + 1];
  }

  /** The previous phase, or {@code null} before {@link #SETUP}. */
  public Phase previous() {
    return this == SETUP ? null : values()[ordinal() - 1];
  }

  /** {@code state} with this phase's read side, primary and mirroring; modes are kept. */
  public MigrationState applyTo(MigrationState state) {
    return state.withReadSide(readSide).withPrimary(primary).withMirroring(mirroring);
  }

  /**
   * The phase named {@code name}, any case.
   *
   * @throws IllegalArgumentException naming the phases when there is none by that name
   */
  public static Phase parse(String name) {
    String wanted = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Phase phase : values()) {
      if (phase.name().equals(wanted)) {
        return phase;
      }
    }
    throw new IllegalArgumentException("Unknown phase '" + name + "'; the phases are, in order: "
        + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(" -> ")));
  }
}
