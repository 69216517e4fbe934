package io.tandem.cli.control;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.MigrationCoordinator;
import java.time.Clock;

/** The control plane on Cassandra: {@code ControlStore.cassandra} and {@code MigrationCoordinator.create}. */
final class CassandraControlPlanes implements ControlPlaneFactory {

  @Override
  public ControlPlane connect(ControlConnectionOptions options, ControlConfig config) {
    CqlSession session = options.connect();
    try {
      return plane(session, config, session::close);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  @Override
  public ControlPlane over(CqlSession session, ControlConfig config) {
    return plane(session, config, () -> {});
  }

  private static ControlPlane plane(CqlSession session, ControlConfig config, Runnable onClose) {
    ControlStore store = ControlStore.cassandra(session, config);
    return new ControlPlane(store, MigrationCoordinator.create(store, config, Clock.systemUTC()), onClose);
  }
}
