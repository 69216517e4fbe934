package io.tandem.proxy.internal.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.InstanceKind;
import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationFollower;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.proxy.internal.admin.FollowedMigration;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The proxy's side of the control plane when it follows a migration: the control store on the control cluster
 * (through the session {@link ControlStoreSession} chooses), the follower applying the migration to the engine,
 * and the one coordinator the admin endpoint delegates to, over the same store. Closing deregisters the proxy,
 * then closes the store and the session if the proxy opened it.
 */
final class ProxyControlPlane implements AutoCloseable {

  private final ControlStore store;
  private final MigrationFollower follower;
  private final MigrationCoordinator coordinator;
  private final ControlStoreSession session;

  private ProxyControlPlane(ControlStore store, MigrationFollower follower, MigrationCoordinator coordinator,
      ControlStoreSession session) {
    this.session = session;
    this.store = store;
    this.follower = follower;
    this.coordinator = coordinator;
  }

  /**
   * Reads the migration, applies it to the engine and starts following it.
   *
   * @throws IllegalStateException saying why the proxy cannot learn its phase: it must not start then
   */
  static ProxyControlPlane start(ControlConfig config, ControlStoreSession session, MirrorEngine engine,
      ProxyServices services, MeterRegistry registry, InetSocketAddress listen) {
    if (session.session() == null) {
      throw cannotFollow(config, session, "the proxy has no session of its own to that cluster (it asks for "
          + "authentication): give --" + clusterName(config) + "-username and --" + clusterName(config)
          + "-password, or the store's cluster with --control-cluster", null);
    }
    ControlStore store = null;
    try {
      store = ControlStore.cassandra(session.session(), config);
      MigrationFollower.Builder builder = MigrationFollower.builder(store, config, engine.control())
          .withInstance(InstanceKind.PROXY, instanceId(listen)).withHealth(engine::health)
          .withClock(services.clock()).withMeterRegistry(registry);
      if (services.scheduler() != null) {
        builder.withScheduler(services.scheduler());
      }
      MigrationFollower follower = builder.start();
      return new ProxyControlPlane(store, follower, MigrationCoordinator.create(store, config, services.clock()),
          session);
    } catch (RuntimeException e) {
      if (store != null) {
        store.close();
      }
      session.close();
      throw cannotFollow(config, session, e.getMessage(), e);
    }
  }

  /** What {@code /migration} shows and moves. */
  FollowedMigration followed() {
    return new FollowedMigration(follower, coordinator);
  }

  /** {@code control} in {@code /health/readiness}: the migration, the version and phase applied, stale or not. */
  Map<String, Object> readinessDetails() {
    MigrationRecord applied = follower.applied();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("migration", follower.migrationId());
    details.put("appliedVersion", applied.version());
    details.put("phase", applied.phase().name());
    details.put("stale", follower.stale());
    return details;
  }

  /** Stops following and deregisters, then closes the store, then the session if the proxy opened it. */
  @Override
  public void close() {
    try {
      follower.close();
    } finally {
      try {
        store.close();
      } finally {
        session.close();
      }
    }
  }


  /**
   * {@code proxy-HOST-PORT}: the same after a restart, so a restarted proxy replaces its own heartbeat instead of
   * leaving a silent one that holds the gates. A proxy on port 0 (tests) gets the process id and a random suffix.
   */
  static String instanceId(InetSocketAddress listen) {
    String id = "proxy-" + hostName() + "-" + listen.getPort();
    if (listen.getPort() == 0) {
      id += "-" + ProcessHandle.current().pid() + "-"
          + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }
    return id;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static String clusterName(ControlConfig config) {
    return config.cluster().name().toLowerCase(Locale.ROOT);
  }

  static IllegalStateException cannotFollow(ControlConfig config, ControlStoreSession session, String why,
      Throwable cause) {
    return cannotFollow(config, session.where(), why, cause);
  }

  static IllegalStateException cannotFollow(ControlConfig config, String where, String why, Throwable cause) {
    return new IllegalStateException("Cannot follow migration " + config.migrationId() + " (control store: keyspace "
        + config.keyspace() + " on " + where + "): " + why, cause);
  }
}
