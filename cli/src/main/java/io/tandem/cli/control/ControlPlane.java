package io.tandem.cli.control;

import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.MigrationCoordinator;

/**
 * The control store one command works with and the coordinator over it; closing it closes the store and the
 * session opened for it (not a session the command was given).
 */
public record ControlPlane(ControlStore store, MigrationCoordinator coordinator, Runnable onClose)
    implements AutoCloseable {

  @Override
  public void close() {
    try {
      store.close();
    } finally {
      onClose.run();
    }
  }
}
