package io.tandem.core.internal.control;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.core.api.control.MigrationFollower;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The meters of one {@link MigrationFollower}, each tagged {@code migration=<id>}:
 *
 * <ul>
 *   <li>{@code tandem.control.applied_version} (gauge): the version the instance serves with
 *   <li>{@code tandem.control.stale} (gauge): 1 while the store cannot be read, else 0
 *   <li>{@code tandem.control.last_contact_age} (gauge, seconds): time since the store last answered
 *   <li>{@code tandem.control.polls} (counter; result = ok or failed)
 * </ul>
 *
 * Removed from the registry on {@link #remove()}, so that a follower built again for the same migration (a
 * session closed and rebuilt) registers gauges over itself, not over its closed predecessor.
 */
final class FollowerMeters {

  private final MeterRegistry registry;
  private final Counter ok;
  private final Counter failed;
  private final List<Meter> meters;

  FollowerMeters(MeterRegistry registry, MigrationFollower follower, Clock clock) {
    this.registry = registry;
    String id = follower.migrationId();
    this.ok = polls(id, "ok");
    this.failed = polls(id, "failed");
    this.meters = List.of(ok, failed,
        gauge("tandem.control.applied_version", id, follower, f -> f.applied().version(), null,
            "The migration version this instance serves with"),
        gauge("tandem.control.stale", id, follower, f -> f.stale() ? 1 : 0, null,
            "1 while the control store cannot be read (the instance keeps its last applied state), else 0"),
        gauge("tandem.control.last_contact_age", id, follower,
            f -> Duration.between(f.lastContact(), clock.instant()).toMillis() / 1000.0, "seconds",
            "Seconds since the control store last answered"));
  }

  private Counter polls(String id, String result) {
    return Counter.builder("tandem.control.polls").tags("migration", id, "result", result)
        .description("Reads of the control store by this instance, by result").register(registry);
  }

  private Gauge gauge(String name, String id, MigrationFollower follower,
      java.util.function.ToDoubleFunction<MigrationFollower> value, String unit, String description) {
    // strongly referenced: Micrometer holds gauge objects weakly
    return Gauge.builder(name, follower, value).tags("migration", id).baseUnit(unit).description(description)
        .strongReference(true).register(registry);
  }

  void pollSucceeded() {
    ok.increment();
  }

  void pollFailed() {
    failed.increment();
  }

  void remove() {
    meters.forEach(registry::remove);
  }
}
