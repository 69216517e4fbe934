package io.tandem.core.internal.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.control.PhaseChange;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each gate refusing for its reason, and passing. */
class GatesTest {

  private final Fleet fleet = new Fleet().created();

  @Test
  void should_pass_instances_acknowledged_when_no_instance_follows() {
    assertThat(check(new InstancesAcknowledgedGate()))
        .isEqualTo(GateResult.pass("instances-acknowledged", "no instance follows this migration"));
  }

  @Test
  void should_refuse_instances_acknowledged_naming_the_instances_behind() {
    fleet.healthy("app-1");
    fleet.report("proxy-1", 0, false, 0, 0, 0);

    GateResult result = check(new InstancesAcknowledgedGate());

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).contains("1 of 2", "version 1", "proxy-1 (applied 0)").doesNotContain("app-1");
  }

  @Test
  void should_pass_instances_acknowledged_ignoring_gone_instances() {
    fleet.report("old", 0, false, 0, 0, 0);
    fleet.later(fleet.config.forgetAfter().plusSeconds(1));
    fleet.healthy("app-1");

    assertThat(check(new InstancesAcknowledgedGate()).passed()).isTrue();
  }

  @Test
  void should_refuse_no_stale_instances_for_a_silent_instance_and_a_cut_off_one() {
    fleet.healthy("silent");
    fleet.later(fleet.config.staleAfter().plusSeconds(5));
    fleet.healthy("app-1");
    fleet.report("cut-off", 1, true, 0, 0, 0);

    GateResult result = check(new NoStaleInstancesGate());

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).contains("2 instance(s) stale", "silent (no heartbeat for 15 s)",
        "cut-off (cannot read the control store)").doesNotContain("app-1");
  }

  @Test
  void should_pass_no_stale_instances_naming_the_gone_ones() {
    fleet.healthy("forgotten");
    fleet.later(fleet.config.forgetAfter().plusSeconds(1));
    fleet.healthy("app-1");

    GateResult result = check(new NoStaleInstancesGate());

    assertThat(result.passed()).isTrue();
    assertThat(result.detail()).contains("ignored, silent for over 600 s: forgotten");
  }

  @Test
  void should_refuse_failed_writes_drained_naming_the_instances_with_pending_writes() {
    fleet.healthy("app-1");
    fleet.report("app-2", 1, false, 7, 0, 0);

    GateResult result = check(new FailedWritesDrainedGate());

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).contains("7 failed write(s)", "app-2 (7)").doesNotContain("app-1");
  }

  @Test
  void should_pass_failed_writes_drained_when_every_log_is_empty() {
    fleet.healthy("app-1", "app-2");

    assertThat(check(new FailedWritesDrainedGate()).passed()).isTrue();
  }

  @Test
  void should_refuse_copy_finished_when_no_copy_was_recorded() {
    GateResult result = check(new CopyFinishedGate());

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).contains("no copy recorded", "tandem copy --migration orders-2026");
  }

  @Test
  void should_refuse_copy_finished_listing_the_unfinished_tables() {
    fleet.copied("shop.orders", 256, 256);
    fleet.copied("shop.items", 100, 256);

    GateResult result = check(new CopyFinishedGate());

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).contains("shop.items (100/256 ranges)").doesNotContain("shop.orders");
  }

  @Test
  void should_pass_copy_finished_when_every_table_is_copied() {
    fleet.copied("shop.orders", 256, 256);

    assertThat(check(new CopyFinishedGate()).passed()).isTrue();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                   | validated before dual writes | validated after | differences | passes | detail
      clean validation after dual writes       | false                        | true            | 0           | true   | validated clean
      only a validation before dual writes     | true                         | false           | 0           | false  | not validated since dual writes started
      newest validation found differences      | true                         | true            | 3           | false  | 3 difference(s)
      no validation at all                     | false                        | false           | 0           | false  | not validated since dual writes started
      """)
  void should_check_validation_clean(String description, boolean before, boolean after, long differences,
      boolean passes, String detail) {
    fleet.copied(Fleet.TABLE, 10, 10);
    if (before) {
      fleet.validated(Fleet.TABLE, 0);
    }
    fleet.later(Duration.ofMinutes(1));
    advanceTo(Phase.DUAL_WRITE);
    fleet.later(Duration.ofMinutes(1));
    if (after) {
      fleet.validated(Fleet.TABLE, differences);
    }

    GateResult result = check(new ValidationCleanGate());

    assertThat(result.passed()).isEqualTo(passes);
    assertThat(result.detail()).contains(detail);
  }

  @Test
  void should_refuse_validation_clean_when_nothing_was_copied_or_validated() {
    advanceTo(Phase.DUAL_WRITE);

    GateResult result = check(new ValidationCleanGate());

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).contains("tandem validate --migration orders-2026");
  }

  @Test
  void should_pass_shadow_reads_agree_when_no_shadow_reads_ran() {
    fleet.healthy("app-1");

    assertThat(check(new ShadowReadsAgreeGate()))
        .isEqualTo(GateResult.pass("shadow-reads-agree", "no shadow reads ran"));
  }

  @Test
  void should_refuse_shadow_reads_agree_naming_the_instance_above_the_threshold() {
    fleet.report("app-1", 1, false, 0, 100_000, 10);
    fleet.report("app-2", 1, false, 0, 1_000, 5);

    GateResult result = check(new ShadowReadsAgreeGate());

    assertThat(result.passed()).isFalse();
    assertThat(result.detail()).contains("app-2 (5 of 1000, 0.500 %)").doesNotContain("app-1");
  }

  @Test
  void should_pass_shadow_reads_agree_within_the_threshold() {
    fleet.report("app-1", 1, false, 0, 100_000, 100);

    assertThat(check(new ShadowReadsAgreeGate()).passed()).isTrue();
  }

  @ParameterizedTest(name = "[{index}] into {0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      DUAL_WRITE      | instances-acknowledged no-stale-instances
      HISTORY_COPIED  | instances-acknowledged no-stale-instances failed-writes-drained copy-finished
      VALIDATED       | instances-acknowledged no-stale-instances failed-writes-drained validation-clean
      READS_ON_TARGET | instances-acknowledged no-stale-instances failed-writes-drained shadow-reads-agree
      TARGET_PRIMARY  | instances-acknowledged no-stale-instances failed-writes-drained
      TARGET_ONLY     | instances-acknowledged no-stale-instances failed-writes-drained
      DONE            | instances-acknowledged no-stale-instances failed-writes-drained
      """)
  void should_check_the_gates_of_each_step(Phase to, String gates) {
    assertThat(PhaseGates.into(to)).extracting(Gate::name).containsExactly(gates.split(" "));
  }

  private void advanceTo(Phase phase) {
    MigrationRecord record = fleet.record();
    fleet.store.change(record, record.movedTo(phase, fleet.clock.instant()),
        new PhaseChange(record.version() + 1, record.phase(), phase, "test",
            fleet.clock.instant(), "", List.of(), false));
  }

  private GateResult check(Gate gate) {
    MigrationRecord record = fleet.record();
    GateContext context = new GateContext(record,
        InstanceStatuses.of(fleet.store.instances(Fleet.ID), record, fleet.clock.instant(), fleet.config),
        fleet.store.copyProgress(Fleet.ID), fleet.store.validations(Fleet.ID), fleet.config, fleet.clock.instant());
    GateResult result = gate.check(context);
    assertThat(result.gate()).isEqualTo(gate.name());
    return result;
  }
}
