package io.tandem.validator.internal.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.testing.MetricsReference;
import io.tandem.validator.api.repair.RepairAction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/metrics.md must list the repair's meters as registered, and none that is gone. */
class RepairMetricsDocumentationTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MetricsReference reference = MetricsReference.load();

  RepairMetricsDocumentationTest() {
    new RepairMetrics(registry, "ks.orders");
  }

  @Test
  void should_document_every_repair_meter_with_its_type_and_tags() {
    assertThat(reference.problemsWith(registry)).as("in %s", reference.file()).isEmpty();
  }

  @Test
  void should_document_no_repair_meter_that_is_not_registered() {
    assertThat(reference.staleNames(registry, "tandem.repair.")).as("in %s", reference.file()).isEmpty();
  }

  @Test
  void should_count_planned_rows_and_their_actions_by_kind() {
    RepairMetrics metrics = new RepairMetrics(registry, "ks.orders");

    metrics.planned(List.of(action(RepairAction.Kind.WRITE_CELLS), action(RepairAction.Kind.SKIPPED_TARGET_NEWER)));
    metrics.planned(List.of(action(RepairAction.Kind.WRITE_CELLS)));

    assertThat(registry.get("tandem.repair.rows").tag("table", "ks.orders").counter().count()).isEqualTo(2);
    assertThat(registry.get("tandem.repair.actions").tags("table", "ks.orders", "action", "WRITE_CELLS")
        .counter().count()).isEqualTo(2);
    assertThat(registry.get("tandem.repair.actions").tags("table", "ks.orders", "action", "SKIPPED_TARGET_NEWER")
        .counter().count()).isEqualTo(1);
    assertThat(registry.get("tandem.repair.actions").tags("table", "ks.orders", "action", "DELETE_ROW")
        .counter().count()).isZero();
  }

  private static RepairAction action(RepairAction.Kind kind) {
    return new RepairAction("ks.orders", Map.of("id", "1"), kind, List.of(), null, "");
  }
}
