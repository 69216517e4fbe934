package io.tandem.core.internal.control;

import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.api.control.InstanceKind;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.ValidationSummary;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.testing.MutableClock;
import java.time.Duration;
import java.util.Map;

/**
 * A migration in an in-memory store with a fake fleet around it: instances that heartbeat, a copy and a
 * validation that record themselves, all on a clock the test moves.
 */
final class Fleet {

  static final String ID = "orders-2026";
  static final String TABLE = "shop.orders";

  final MutableClock clock = new MutableClock();
  final ControlConfig config = ControlConfig.defaults();
  final ControlStore store;
  final MigrationCoordinator coordinator;

  Fleet() {
    this(new InMemoryControlStore());
  }

  Fleet(ControlStore store) {
    this.store = store;
    this.coordinator = new DefaultMigrationCoordinator(store, config, clock);
  }

  Fleet created() {
    coordinator.create(ID, MirrorMode.SYNC, Map.of(), "alice");
    return this;
  }

  MigrationRecord record() {
    return store.load(ID).orElseThrow();
  }

  /** Every named instance heartbeats now with the current version and nothing wrong. */
  Fleet healthy(String... instances) {
    for (String instance : instances) {
      report(instance, record().version(), false, 0, 0, 0);
    }
    return this;
  }

  void report(String instance, long version, boolean stale, long pending, long shadowReads, long mismatches) {
    store.heartbeat(ID, new InstanceReport(instance, InstanceKind.WRAPPER, "host-" + instance, version,
        clock.instant(), stale, pending, 0, 0, shadowReads, mismatches));
  }

  void copied(String table, long done, long total) {
    store.recordCopyProgress(ID, new CopyProgress(table, done, total, clock.instant()));
  }

  void validated(String table, long differences) {
    store.recordValidation(ID, new ValidationSummary(table, clock.instant(), clock.instant().plusSeconds(60),
        differences, 0));
  }

  void later(Duration duration) {
    clock.advance(duration);
  }
}
