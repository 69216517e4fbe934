package io.tandem.core.internal.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.api.control.InstanceKind;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationException.Reason;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.control.PhaseChange;
import io.tandem.core.api.control.ValidationSummary;
import io.tandem.core.api.mirror.MirrorMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryControlStoreTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final InMemoryControlStore store = new InMemoryControlStore();
  private final MigrationRecord first = new MigrationRecord("m", Phase.SETUP, MirrorMode.SYNC, Map.of(), 1, T0, null);

  @Test
  void should_refuse_to_create_a_taken_id_and_keep_the_first() {
    store.create(first, entry(1, null, Phase.SETUP));

    assertThatThrownBy(() -> store.create(first.movedTo(Phase.DUAL_WRITE, T0), entry(1, null, Phase.SETUP)))
        .isInstanceOfSatisfying(MigrationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS))
        .hasMessageContaining("'m' exists already");
    assertThat(store.load("m")).contains(first);
    assertThat(store.history("m")).hasSize(1);
  }

  @Test
  void should_change_record_and_history_together_only_on_the_version_read() {
    store.create(first, entry(1, null, Phase.SETUP));
    MigrationRecord second = first.movedTo(Phase.DUAL_WRITE, T0.plusSeconds(1));
    store.change(first, second, entry(2, Phase.SETUP, Phase.DUAL_WRITE));

    assertThatThrownBy(() -> store.change(first, first.movedTo(Phase.DUAL_WRITE, T0),
        entry(2, Phase.SETUP, Phase.DUAL_WRITE)))
        .isInstanceOfSatisfying(MigrationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.CONCURRENT_CHANGE));
    assertThat(store.load("m")).contains(second);
    assertThat(store.history("m")).extracting(PhaseChange::version).containsExactly(1L, 2L);
    assertThat(second.dualWriteSince()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void should_keep_the_last_heartbeat_per_instance_until_it_deregisters() {
    store.heartbeat("m", report("a", 1));
    store.heartbeat("m", report("b", 1));
    store.heartbeat("m", report("a", 2));

    assertThat(store.instances("m")).extracting(InstanceReport::appliedVersion).containsExactly(2L, 1L);
    store.deregister("m", "a");
    assertThat(store.instances("m")).extracting(InstanceReport::instanceId).containsExactly("b");
    assertThat(store.instances("other")).isEmpty();
  }

  @Test
  void should_keep_the_last_copy_progress_per_table_and_every_validation_newest_first() {
    store.recordCopyProgress("m", new CopyProgress("ks.t", 1, 4, T0));
    store.recordCopyProgress("m", new CopyProgress("ks.t", 4, 4, T0.plusSeconds(1)));
    store.recordValidation("m", new ValidationSummary("ks.t", T0, T0, 2, 0));
    store.recordValidation("m", new ValidationSummary("ks.t", T0.plusSeconds(9), T0.plusSeconds(9), 0, 0));

    assertThat(store.copyProgress("m")).singleElement().satisfies(copy -> assertThat(copy.finished()).isTrue());
    assertThat(store.validations("m")).extracting(ValidationSummary::differences).containsExactly(0L, 2L);
  }

  private static PhaseChange entry(long version, Phase from, Phase to) {
    return new PhaseChange(version, from, to, "alice", T0, "", List.of(), false);
  }

  private static InstanceReport report(String id, long version) {
    return new InstanceReport(id, InstanceKind.PROXY, "h", version, T0, false, 0, 0, 0, 0, 0);
  }
}
