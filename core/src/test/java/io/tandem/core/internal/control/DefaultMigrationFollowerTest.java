package io.tandem.core.internal.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.Side;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.InstanceHealth;
import io.tandem.core.api.control.InstanceKind;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationFollower;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.MigrationState;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.mirror.MirrorMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DefaultMigrationFollowerTest {

  private static final String ID = "orders-2026";

  private final FakeControlStore store = new FakeControlStore();
  private final MigrationControl control = MigrationControl.inMemory(MigrationState.initial(MirrorMode.ASYNC));
  private final ManualScheduler scheduler = new ManualScheduler();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ControlConfig config = ControlConfig.defaults().withMigrationId(ID);
  private MigrationFollower follower;

  @AfterEach
  void close() {
    if (follower != null) {
      follower.close();
    }
    scheduler.shutdownNow();
  }

  private static MigrationRecord record(Phase phase, long version) {
    return new MigrationRecord(ID, phase, MirrorMode.ASYNC, Map.of(), version, Instant.now(), null);
  }

  private MigrationFollower start() {
    follower = MigrationFollower.builder(store, config, control).withScheduler(scheduler)
        .withMeterRegistry(registry).withInstance(InstanceKind.WRAPPER, "app-1").start();
    return follower;
  }

  private double gauge(String name) {
    return registry.get(name).tag("migration", ID).gauge().value();
  }

  private double polls(String result) {
    return registry.get("tandem.control.polls").tags("migration", ID, "result", result).counter().count();
  }

  @Test
  void should_apply_the_stored_state_before_start_returns() {
    store.put(record(Phase.READS_ON_TARGET, 5));

    start();

    assertThat(control.state().readSide()).isEqualTo(Side.TARGET);
    assertThat(follower.applied().version()).isEqualTo(5);
    assertThat(store.lastHeartbeat().appliedVersion()).isEqualTo(5);
    assertThat(store.lastHeartbeat().stale()).isFalse();
    assertThat(store.lastHeartbeat().instanceId()).isEqualTo("app-1");
    assertThat(gauge("tandem.control.applied_version")).isEqualTo(5);
  }

  @Test
  void should_apply_a_new_version_within_twice_the_poll_interval() throws InterruptedException {
    Duration interval = Duration.ofMillis(250);
    store.put(record(Phase.DUAL_WRITE, 2));
    follower = MigrationFollower.builder(store, config.withPollInterval(interval), control)
        .withMeterRegistry(registry).start();
    CountDownLatch applied = new CountDownLatch(1);
    control.addListener((previous, current) -> applied.countDown());

    long changed = System.nanoTime();
    store.put(record(Phase.READS_ON_TARGET, 3));

    assertThat(applied.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - changed)).isLessThanOrEqualTo(interval.multipliedBy(2));
    assertThat(control.state().readSide()).isEqualTo(Side.TARGET);
  }

  @Test
  void should_keep_its_state_and_show_stale_while_the_store_is_unreachable() {
    store.put(record(Phase.TARGET_PRIMARY, 6));
    start();

    store.unreachable = true;
    scheduler.runPeriodic();

    assertThat(follower.stale()).isTrue();
    assertThat(follower.applied().version()).isEqualTo(6);
    assertThat(control.state()).isEqualTo(record(Phase.TARGET_PRIMARY, 6).state());
    assertThat(gauge("tandem.control.stale")).isEqualTo(1);
    assertThat(polls("failed")).isEqualTo(1);
  }

  @Test
  void should_catch_up_when_the_store_answers_again() {
    store.put(record(Phase.VALIDATED, 4));
    start();
    store.unreachable = true;
    scheduler.runPeriodic();

    store.put(record(Phase.READS_ON_TARGET, 5));
    store.unreachable = false;
    scheduler.runPeriodic();

    assertThat(follower.stale()).isFalse();
    assertThat(follower.applied().version()).isEqualTo(5);
    assertThat(control.state().readSide()).isEqualTo(Side.TARGET);
    assertThat(store.lastHeartbeat().stale()).isFalse();
    assertThat(store.lastHeartbeat().appliedVersion()).isEqualTo(5);
    assertThat(gauge("tandem.control.stale")).isZero();
    assertThat(polls("ok")).isEqualTo(1);
  }

  @Test
  void should_treat_any_unexpected_error_as_stale_and_keep_polling() {
    store.put(record(Phase.DUAL_WRITE, 2));
    start();

    store.broken = new IllegalStateException("driver bug");
    scheduler.runPeriodic();
    store.broken = null;
    store.put(record(Phase.HISTORY_COPIED, 3));
    scheduler.runPeriodic();

    assertThat(follower.applied().phase()).isEqualTo(Phase.HISTORY_COPIED);
    assertThat(follower.stale()).isFalse();
  }

  @Test
  void should_refuse_to_start_for_an_unknown_migration_and_start_nothing() {
    assertThatThrownBy(this::start)
        .isInstanceOfSatisfying(MigrationException.class,
            e -> assertThat(e.reason()).isEqualTo(MigrationException.Reason.UNKNOWN_MIGRATION))
        .hasMessageContaining("No migration '" + ID + "'")
        .hasMessageContaining("tandem migrate create " + ID);
    assertThat(store.heartbeats).isEmpty();
    assertThat(registry.getMeters()).isEmpty();
    assertThat(control.state()).isEqualTo(MigrationState.initial(MirrorMode.ASYNC));
  }

  @Test
  void should_refuse_to_start_when_the_store_is_unreachable() {
    store.put(record(Phase.DUAL_WRITE, 2));
    store.unreachable = true;

    assertThatThrownBy(this::start).isInstanceOfSatisfying(MigrationException.class,
        e -> assertThat(e.reason()).isEqualTo(MigrationException.Reason.STORE_UNAVAILABLE));
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void should_keep_the_last_state_when_the_row_is_malformed() {
    store.put(record(Phase.READS_ON_TARGET, 5));
    start();

    store.malformed = true;
    scheduler.runPeriodic();

    assertThat(control.state().readSide()).isEqualTo(Side.TARGET);
    assertThat(follower.stale()).isTrue();
    assertThat(store.lastHeartbeat().stale()).as("heartbeat sent though the row cannot be read").isTrue();
  }

  @Test
  void should_override_a_local_change_with_the_stored_state() {
    store.put(record(Phase.READS_ON_TARGET, 5));
    start();

    control.routeReadsTo(Side.SOURCE);
    scheduler.runPeriodic();

    assertThat(control.state().readSide()).isEqualTo(Side.TARGET);
    assertThat(follower.applied().version()).isEqualTo(5);
  }

  @Test
  void should_not_apply_a_version_lower_than_the_applied_one() {
    store.put(record(Phase.TARGET_PRIMARY, 6));
    start();

    store.put(record(Phase.DUAL_WRITE, 2));
    scheduler.runPeriodic();

    assertThat(follower.applied().version()).isEqualTo(6);
    assertThat(control.state().primary()).isEqualTo(Side.TARGET);
    assertThat(follower.stale()).isFalse();
  }

  @Test
  void should_report_the_health_figures_in_its_heartbeat() {
    store.put(record(Phase.DUAL_WRITE, 2));
    follower = MigrationFollower.builder(store, config, control).withScheduler(scheduler)
        .withMeterRegistry(registry).withHealth(() -> new InstanceHealth(3, 4, 5, 0, 0).withShadowReads(100, 1))
        .start();

    assertThat(store.lastHeartbeat()).satisfies(report -> {
      assertThat(report.failedWritesPending()).isEqualTo(3);
      assertThat(report.copiesInFlight()).isEqualTo(4);
      assertThat(report.errors()).isEqualTo(5);
      assertThat(report.shadowReads()).isEqualTo(100);
      assertThat(report.shadowMismatches()).isEqualTo(1);
      assertThat(report.kind()).isEqualTo(InstanceKind.WRAPPER);
    });
  }

  @Test
  void should_deregister_stop_polling_and_remove_its_meters_on_close() {
    store.put(record(Phase.DUAL_WRITE, 2));
    start();
    int heartbeats = store.heartbeats.size();

    follower.close();
    scheduler.runPeriodic();

    assertThat(store.deregistered).containsExactly("app-1");
    assertThat(scheduler.cancelled()).isTrue();
    assertThat(scheduler.isShutdown()).as("a given scheduler stays the caller's").isFalse();
    assertThat(store.heartbeats).hasSize(heartbeats);
    assertThat(registry.getMeters()).isEmpty();
  }

  @Test
  void should_close_quietly_when_the_store_is_unreachable() {
    store.put(record(Phase.DUAL_WRITE, 2));
    start();
    store.unreachable = true;

    follower.close();

    assertThat(store.deregistered).isEmpty();
  }

  @Test
  void should_name_the_instance_after_host_process_and_a_random_suffix_by_default() {
    store.put(record(Phase.DUAL_WRITE, 2));
    follower = MigrationFollower.builder(store, config, control).withScheduler(scheduler)
        .withMeterRegistry(registry).start();

    assertThat(follower.instanceId())
        .matches(".+-" + ProcessHandle.current().pid() + "-[0-9a-f]{4}")
        .isEqualTo(store.lastHeartbeat().instanceId());
  }

  @Test
  void should_refuse_a_config_without_migration_id() {
    assertThatThrownBy(() -> MigrationFollower.builder(store, ControlConfig.defaults(), control))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tandem.control.migration-id");
  }
}
