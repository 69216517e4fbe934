package io.tandem.core.internal.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.InstanceStatus.Liveness;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationException.Reason;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.MigrationStatus;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.control.PhaseChange;
import io.tandem.core.api.control.StepRequest;
import io.tandem.core.api.mirror.MirrorMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultMigrationCoordinatorTest {

  private static final StepRequest STEP = StepRequest.by("alice", "planned");

  private final Fleet fleet = new Fleet();

  @Test
  void should_create_a_migration_in_setup_at_version_1_with_its_first_history_entry() {
    MigrationRecord record = fleet.coordinator.create(Fleet.ID, MirrorMode.ASYNC, Map.of("Shop", MirrorMode.OFF),
        "alice");

    assertThat(record.phase()).isEqualTo(Phase.SETUP);
    assertThat(record.version()).isEqualTo(1);
    assertThat(record.overrides()).containsEntry("shop", MirrorMode.OFF);
    assertThat(fleet.store.load(Fleet.ID)).contains(record);
    assertThat(fleet.coordinator.history(Fleet.ID)).singleElement().satisfies(entry -> {
      assertThat(entry.from()).isNull();
      assertThat(entry.to()).isEqualTo(Phase.SETUP);
      assertThat(entry.who()).isEqualTo("alice");
    });
  }

  @Test
  void should_refuse_to_create_a_taken_id_or_a_bad_one() {
    fleet.created();

    assertThatThrownBy(() -> fleet.created()).isInstanceOfSatisfying(MigrationException.class,
        e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS));
    assertThatThrownBy(() -> fleet.coordinator.create("no spaces", MirrorMode.SYNC, Map.of(), "alice"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'no spaces' is not valid");
  }

  @Test
  void should_advance_through_every_phase_with_a_healthy_fleet() {
    fleet.created().healthy("app-1", "proxy-1");
    fleet.copied(Fleet.TABLE, 64, 64);

    for (Phase expected = Phase.DUAL_WRITE; expected != null; expected = expected.next()) {
      if (expected == Phase.VALIDATED) {
        fleet.validated(Fleet.TABLE, 0);
      }
      fleet.later(Duration.ofSeconds(1));
      MigrationRecord moved = fleet.coordinator.advance(Fleet.ID, STEP);
      assertThat(moved.phase()).isEqualTo(expected);
      fleet.healthy("app-1", "proxy-1");
    }

    assertThat(fleet.record().version()).isEqualTo(8);
    assertThat(fleet.coordinator.history(Fleet.ID)).hasSize(8).allSatisfy(entry -> {
      assertThat(entry.forced()).isFalse();
      assertThat(entry.gates()).allMatch(GateResult::passed);
    });
    assertThat(fleet.coordinator.status(Fleet.ID).next()).isNull();
  }

  @Test
  void should_refuse_a_step_when_a_gate_fails_listing_every_gate_and_change_nothing() {
    fleet.created().healthy("app-1");
    fleet.coordinator.advance(Fleet.ID, STEP);

    MigrationException refused = catchThrowableOfType(
        () -> fleet.coordinator.advance(Fleet.ID, STEP), MigrationException.class);

    assertThat(refused.reason()).isEqualTo(Reason.GATES_REFUSED);
    assertThat(refused.gates()).extracting(GateResult::gate).containsExactly("instances-acknowledged",
        "no-stale-instances", "failed-writes-drained", "copy-finished");
    assertThat(refused.getMessage()).contains("stays in DUAL_WRITE", "FAIL instances-acknowledged",
        "app-1 (applied 1)", "FAIL copy-finished", "--force").doesNotContain("PASS");
    assertThat(fleet.record().phase()).isEqualTo(Phase.DUAL_WRITE);
    assertThat(fleet.coordinator.history(Fleet.ID)).hasSize(2);
  }

  @Test
  void should_record_a_forced_step_with_its_reason_and_gates() {
    fleet.created();
    fleet.coordinator.advance(Fleet.ID, STEP);

    MigrationRecord moved = fleet.coordinator.advance(Fleet.ID, STEP.forced("copy checked by hand"));

    assertThat(moved.phase()).isEqualTo(Phase.HISTORY_COPIED);
    PhaseChange entry = fleet.coordinator.history(Fleet.ID).get(2);
    assertThat(entry.forced()).isTrue();
    assertThat(entry.reason()).isEqualTo("copy checked by hand");
    assertThat(entry.who()).isEqualTo("alice");
    assertThat(entry.gates()).filteredOn(gate -> !gate.passed()).extracting(GateResult::gate)
        .containsExactly("copy-finished");
  }

  @Test
  void should_refuse_to_skip_a_phase_and_change_nothing() {
    fleet.created();
    fleet.coordinator.advance(Fleet.ID, STEP);

    assertThatThrownBy(() -> fleet.coordinator.advance(Fleet.ID, STEP.to(Phase.VALIDATED).forced("hurry")))
        .isInstanceOfSatisfying(MigrationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_STEP))
        .hasMessageContaining("cannot skip from DUAL_WRITE to VALIDATED: the next phase is HISTORY_COPIED");
    assertThat(fleet.record().version()).isEqualTo(2);
    assertThat(fleet.coordinator.history(Fleet.ID)).hasSize(2);
  }

  @Test
  void should_accept_the_next_phase_named() {
    fleet.created();

    assertThat(fleet.coordinator.advance(Fleet.ID, STEP.to(Phase.DUAL_WRITE)).phase()).isEqualTo(Phase.DUAL_WRITE);
  }

  @Test
  void should_refuse_to_advance_past_done() {
    fleet.created();
    moveTo(Phase.DONE);

    assertThatThrownBy(() -> fleet.coordinator.advance(Fleet.ID, STEP))
        .isInstanceOfSatisfying(MigrationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_STEP))
        .hasMessageContaining("DONE");
  }

  @Test
  void should_name_an_unknown_migration_and_say_how_to_create_it() {
    for (Runnable call : List.<Runnable>of(() -> fleet.coordinator.status("nope"),
        () -> fleet.coordinator.advance("nope", STEP), () -> fleet.coordinator.rollback("nope", STEP),
        () -> fleet.coordinator.history("nope"), () -> fleet.coordinator.instances("nope"))) {
      assertThatThrownBy(call::run).isInstanceOfSatisfying(MigrationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_MIGRATION))
          .hasMessage("No migration 'nope' in the control store; create it with `tandem migrate create nope` "
              + "or check the id");
    }
  }

  @Test
  void should_show_the_status_with_the_gates_of_the_next_step() {
    fleet.created().healthy("app-1");

    MigrationStatus status = fleet.coordinator.status(Fleet.ID);

    assertThat(status.migration().phase()).isEqualTo(Phase.SETUP);
    assertThat(status.next()).isEqualTo(Phase.DUAL_WRITE);
    assertThat(status.instances()).singleElement().satisfies(instance -> {
      assertThat(instance.liveness()).isEqualTo(Liveness.LIVE);
      assertThat(instance.acknowledged()).isTrue();
    });
    assertThat(status.gates()).hasSize(2);
    assertThat(status.ready()).isTrue();
  }

  @Test
  void should_roll_back_one_phase_at_a_time_down_to_dual_write_and_refuse_below() {
    fleet.created();
    moveTo(Phase.TARGET_PRIMARY);

    for (Phase expected = Phase.READS_ON_TARGET; expected != Phase.SETUP; expected = expected.previous()) {
      assertThat(fleet.coordinator.rollback(Fleet.ID, STEP).phase()).isEqualTo(expected);
    }

    assertThatThrownBy(() -> fleet.coordinator.rollback(Fleet.ID, STEP))
        .isInstanceOfSatisfying(MigrationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_STEP))
        .hasMessageContaining("rollback goes down to DUAL_WRITE; to stop dual writes");
    assertThat(fleet.record().phase()).isEqualTo(Phase.DUAL_WRITE);
    PhaseChange last = fleet.coordinator.history(Fleet.ID).get(fleet.coordinator.history(Fleet.ID).size() - 1);
    assertThat(last.from()).isEqualTo(Phase.HISTORY_COPIED);
    assertThat(last.to()).isEqualTo(Phase.DUAL_WRITE);
    assertThat(last.reason()).isEqualTo("planned");
  }

  @Test
  void should_refuse_rollback_from_setup() {
    fleet.created();

    assertThatThrownBy(() -> fleet.coordinator.rollback(Fleet.ID, STEP))
        .isInstanceOfSatisfying(MigrationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_STEP))
        .hasMessageContaining("SETUP");
  }

  @Test
  void should_roll_back_without_checking_the_gates() {
    fleet.created();
    moveTo(Phase.READS_ON_TARGET);
    fleet.report("behind", 1, true, 42, 0, 0);

    assertThat(fleet.coordinator.rollback(Fleet.ID, STEP).phase()).isEqualTo(Phase.VALIDATED);
  }

  @Test
  void should_refuse_to_leave_target_only_backwards_printing_the_copy_back_command() {
    fleet.created();
    moveTo(Phase.TARGET_ONLY);
    String since = fleet.record().changedAt().toString();

    assertThatThrownBy(() -> fleet.coordinator.rollback(Fleet.ID, STEP))
        .isInstanceOfSatisfying(MigrationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_STEP))
        .hasMessageContaining("writes made since " + since)
        .hasMessageContaining("copied target → source first")
        .hasMessageContaining(
            "tandem copy --source <TARGET contact points> --target <SOURCE contact points> --keyspace <keyspace>")
        .hasMessageContaining("run the same copy once more")
        .hasMessageContaining("tandem migrate rollback orders-2026 --force --reason \"copied back\"");
    assertThat(fleet.record().phase()).isEqualTo(Phase.TARGET_ONLY);
  }

  @Test
  void should_go_back_from_done_to_target_only_without_force() {
    fleet.created();
    moveTo(Phase.DONE);

    assertThat(fleet.coordinator.rollback(Fleet.ID, STEP).phase()).isEqualTo(Phase.TARGET_ONLY);
  }

  @Test
  void should_leave_target_only_backwards_when_forced_and_record_it() {
    fleet.created();
    moveTo(Phase.TARGET_ONLY);

    MigrationRecord back = fleet.coordinator.rollback(Fleet.ID, STEP.forced("copied back"));

    assertThat(back.phase()).isEqualTo(Phase.TARGET_PRIMARY);
    List<PhaseChange> history = fleet.coordinator.history(Fleet.ID);
    assertThat(history.get(history.size() - 1)).satisfies(entry -> {
      assertThat(entry.forced()).isTrue();
      assertThat(entry.reason()).isEqualTo("copied back");
      assertThat(entry.from()).isEqualTo(Phase.TARGET_ONLY);
    });
  }

  @Test
  void should_say_someone_else_moved_it_when_asked_for_the_phase_it_is_already_in() {
    fleet.created();
    moveTo(Phase.DUAL_WRITE);

    for (Runnable step : List.<Runnable>of(() -> fleet.coordinator.advance(Fleet.ID, STEP.to(Phase.DUAL_WRITE)),
        () -> fleet.coordinator.rollback(Fleet.ID, STEP.to(Phase.DUAL_WRITE)))) {
      assertThatThrownBy(step::run).isInstanceOfSatisfying(MigrationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.CONCURRENT_CHANGE))
          .hasMessageContaining("is already in DUAL_WRITE").hasMessageContaining("someone else moved it there");
    }
    assertThat(fleet.record().version()).isEqualTo(2);
  }

  @Test
  void should_refuse_a_rollback_to_another_phase_than_the_previous_one() {
    fleet.created();
    moveTo(Phase.READS_ON_TARGET);

    assertThatThrownBy(() -> fleet.coordinator.rollback(Fleet.ID, STEP.to(Phase.DUAL_WRITE)))
        .isInstanceOfSatisfying(MigrationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_STEP))
        .hasMessageContaining("the previous phase is VALIDATED");
    assertThat(fleet.record().version()).isEqualTo(5);
  }

  /** Forced steps forward, the fleet being empty and nothing copied or validated. */
  private void moveTo(Phase phase) {
    while (fleet.record().phase() != phase) {
      fleet.later(Duration.ofSeconds(1));
      fleet.coordinator.advance(Fleet.ID, STEP.forced("test setup"));
    }
  }
}
