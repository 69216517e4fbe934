package io.tandem.core.api.control;

import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.internal.DefaultMigrationControl;
import java.util.function.UnaryOperator;

/**
 * The one place that holds and changes the {@link MigrationState} while traffic flows. Front doors read
 * {@link #state()} for every request; an application, the proxy's admin endpoint or a runbook script
 * changes it. Thread-safe; changes are atomic and seen by the next request.
 *
 * <p>A typical cutover: {@code routeReadsTo(TARGET)}, then {@code makePrimary(TARGET)}, then {@code
 * stopMirroring()} to stop writing to the source.
 */
public interface MigrationControl {

  /**
   * A control that holds its state in memory, starting from {@code initial}, with no listeners: the one every
   * {@code MirrorEngine} uses, for a front door or a test that needs a control of its own.
   */
  static MigrationControl inMemory(MigrationState initial) {
    return new DefaultMigrationControl(initial);
  }

  MigrationState state();

  /** Applies a change atomically and tells the listeners; returns the new state. */
  MigrationState update(UnaryOperator<MigrationState> change);

  default MigrationState routeReadsTo(Side side) {
    return update(state -> state.withReadSide(side));
  }

  default MigrationState makePrimary(Side side) {
    return update(state -> state.withPrimary(side));
  }

  default MigrationState startMirroring() {
    return update(state -> state.withMirroring(true));
  }

  /** Writes go to the primary only from now on. */
  default MigrationState stopMirroring() {
    return update(state -> state.withMirroring(false));
  }

  default MigrationState setDefaultMode(MirrorMode mode) {
    return update(state -> state.withDefaultMode(mode));
  }

  /** Sets (or with {@code null}, removes) the mode of {@code "keyspace"} or {@code "keyspace.table"}. */
  default MigrationState setMode(String keyspaceOrTable, MirrorMode mode) {
    return update(state -> state.withOverride(keyspaceOrTable, mode));
  }

  void addListener(MigrationStateListener listener);

  void removeListener(MigrationStateListener listener);
}
