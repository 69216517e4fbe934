package io.tandem.validator.internal.repair;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.validator.api.repair.RepairAction;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The meters of a repair for one table (tag {@code table} = {@code keyspace.table}), registered when the
 * table's first candidate is repaired:
 * <ul>
 *   <li>{@code tandem.repair.rows} (counter): candidate rows re-read on both sides and planned
 *   <li>{@code tandem.repair.actions} (counter, tag {@code action} = a {@link RepairAction.Kind}): decisions,
 *       one per action of the report (counted on dry runs too)
 * </ul>
 */
final class RepairMetrics {

  private final Counter rows;
  private final Map<RepairAction.Kind, Counter> actions = new EnumMap<>(RepairAction.Kind.class);

  RepairMetrics(MeterRegistry registry, String table) {
    this.rows = Counter.builder("tandem.repair.rows").tag("table", table)
        .description("Candidate rows re-read on both sides and planned by repair").register(registry);
    for (RepairAction.Kind kind : RepairAction.Kind.values()) {
      actions.put(kind, Counter.builder("tandem.repair.actions").tag("table", table).tag("action", kind.name())
          .description("Repair decisions by action").register(registry));
    }
  }

  void planned(List<RepairAction> rowActions) {
    rows.increment();
    rowActions.forEach(action -> actions.get(action.kind()).increment());
  }
}
