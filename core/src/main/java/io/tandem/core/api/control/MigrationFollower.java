package io.tandem.core.api.control;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * An instance's side of the control plane: reads its migration from the {@link ControlStore} before the instance
 * serves its first request, applies every new version to the instance's {@link MigrationControl} within twice
 * {@code poll-interval}, and heartbeats what it applied. When the store cannot be reached it keeps the last
 * applied state, reports itself stale and never reverts on its own; it catches up once the store answers.
 */
public interface MigrationFollower extends AutoCloseable {

  /**
   * A builder following {@code config.migrationId()} in {@code store}, applying it to {@code control}.
   *
   * @throws IllegalArgumentException when {@code config} names no migration
   */
  static Builder builder(ControlStore store, ControlConfig config, MigrationControl control) {
    return new io.tandem.core.internal.control.DefaultMigrationFollower.DefaultBuilder(store, config, control);
  }

  /** Builds a follower; everything but store, config and control has a default. */
  interface Builder {
    /** Default: {@code WRAPPER} with an id made of the host name, process id and a random suffix. */
    Builder withInstance(InstanceKind kind, String instanceId);

    /** What the heartbeat reports beyond the applied version; default: all zero. */
    Builder withHealth(Supplier<InstanceHealth> health);

    /** Default: the system UTC clock. */
    Builder withClock(Clock clock);

    /** Default: a follower-owned daemon thread; a given scheduler is not shut down by {@link #close()}. */
    Builder withScheduler(ScheduledExecutorService scheduler);

    /** Default: Micrometer's global registry. Meters {@code tandem.control.*}. */
    Builder withMeterRegistry(MeterRegistry registry);

    /**
     * Reads the migration, applies it and sends the first heartbeat, then polls in the background.
     *
     * @throws MigrationException {@code UNKNOWN_MIGRATION}, {@code MALFORMED_STATE} or {@code STORE_UNAVAILABLE}:
     *     an instance that cannot learn its phase does not start
     */
    MigrationFollower start();
  }

  String migrationId();

  String instanceId();

  /** The record the instance serves with now. */
  MigrationRecord applied();

  /** Whether the last attempt to read the store failed (the instance keeps serving with {@link #applied()}). */
  boolean stale();

  /** When the store last answered. */
  Instant lastContact();

  /** Stops polling and deregisters the instance; does not close the store. */
  @Override
  void close();
}
