package io.tandem.driver.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.InstanceKind;
import io.tandem.core.api.control.MigrationFollower;
import io.tandem.driver.api.ShadowReadStatistics;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's follower of its migration and the store it reads, closed together: the follower first (it
 * deregisters through the store), then the store if the session opened it.
 */
public final class MigrationFollowing implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MigrationFollowing.class);

  private final MigrationFollower follower;
  private final ControlStore store;
  private final boolean ownsStore;

  private MigrationFollowing(MigrationFollower follower, ControlStore store, boolean ownsStore) {
    this.follower = follower;
    this.store = store;
    this.ownsStore = ownsStore;
  }

  /**
   * Reads the migration and applies it to the session's control before returning; heartbeats the engine's
   * health and the session's shadow-read counts.
   *
   * @param ownsStore whether closing the session closes {@code store}
   * @throws io.tandem.core.api.control.MigrationException when the migration cannot be read (unknown id, store
   *     unreachable, malformed row); {@code store} is then closed if owned
   */
  public static MigrationFollowing start(DefaultDualWriteCqlSession session, ControlStore store, boolean ownsStore,
      ControlConfig config, MeterRegistry registry, Clock clock) {
    ShadowReadStatistics shadow = session.shadowReads();
    try {
      MigrationFollower follower = MigrationFollower.builder(store, config, session.migration())
          .withInstance(InstanceKind.WRAPPER, null)
          .withHealth(() -> session.engine().health().withShadowReads(shadow.compared(), shadow.mismatched()))
          .withMeterRegistry(registry)
          .withClock(clock)
          .start();
      return new MigrationFollowing(follower, store, ownsStore);
    } catch (RuntimeException e) {
      if (ownsStore) {
        store.close();
      }
      throw e;
    }
  }

  public MigrationFollower follower() {
    return follower;
  }

  @Override
  public void close() {
    follower.close();
    if (ownsStore) {
      try {
        store.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing the control store of migration {} failed: {}", follower.migrationId(), e.toString());
      }
    }
  }
}
