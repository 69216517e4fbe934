package io.tandem.cli.control;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.core.api.control.ControlConfig;

/**
 * How the commands reach the control store: on Cassandra ({@link #cassandra()}, the default), or anything a
 * test puts in its place through {@code TandemCli.commandLine(factory)}.
 */
public interface ControlPlaneFactory {

  /**
   * Connects to the cluster {@code options} name.
   *
   * @throws io.tandem.core.api.control.MigrationException {@code STORE_UNAVAILABLE} when it cannot be reached
   */
  ControlPlane connect(ControlConnectionOptions options, ControlConfig config);

  /** Uses a session the command opened already (the source's, for {@code copy} and {@code validate}). */
  ControlPlane over(CqlSession session, ControlConfig config);

  /** The store on Cassandra ({@code ControlStore.cassandra}), the coordinator on the system clock. */
  static ControlPlaneFactory cassandra() {
    return new CassandraControlPlanes();
  }
}
