package io.tandem.core.api.control;

/** Told about every change of the {@link MigrationState}, on the thread that made it. */
@FunctionalInterface
public interface MigrationStateListener {

  void onStateChanged(MigrationState previous, MigrationState current);
}
