package io.tandem.validator.api.repair;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@link Repairer#run()} decided and did.
 *
 * @param actions  every decision, row by row, in ledger order
 * @param dryRun   true when nothing was written (the actions are the plan)
 * @param duration wall time
 */
public record RepairReport(List<RepairAction> actions, boolean dryRun, Duration duration) {

  public RepairReport {
    actions = List.copyOf(actions);
  }

  /** How many actions of each kind. */
  public Map<RepairAction.Kind, Long> counts() {
    Map<RepairAction.Kind, Long> counts = new EnumMap<>(RepairAction.Kind.class);
    for (RepairAction.Kind kind : RepairAction.Kind.values()) {
      counts.put(kind, 0L);
    }
    actions.forEach(action -> counts.merge(action.kind(), 1L, Long::sum));
    return counts;
  }

  /** Actions that write to the target (or would, on a dry run). */
  public List<RepairAction> changes() {
    return actions.stream().filter(action -> action.kind().changesTarget()).toList();
  }
}
