package io.tandem.core.internal.control;

import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.InstanceHealth;
import io.tandem.core.api.control.InstanceKind;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.core.api.control.MigrationFollower;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/** Placeholder until the follower lands. */
public final class DefaultMigrationFollower {
  /** Placeholder. */
  public static final class DefaultBuilder implements MigrationFollower.Builder {
    public DefaultBuilder(ControlStore store, ControlConfig config, MigrationControl control) {}
    @Override public MigrationFollower.Builder withInstance(InstanceKind kind, String instanceId) { return this; }
    @Override public MigrationFollower.Builder withHealth(Supplier<InstanceHealth> health) { return this; }
    @Override public MigrationFollower.Builder withClock(Clock clock) { return this; }
    @Override public MigrationFollower.Builder withScheduler(ScheduledExecutorService scheduler) { return this; }
    @Override public MigrationFollower.Builder withMeterRegistry(MeterRegistry registry) { return this; }
    @Override public MigrationFollower start() { throw new UnsupportedOperationException(); }
  }
}
