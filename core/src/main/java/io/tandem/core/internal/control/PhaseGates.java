package io.tandem.core.internal.control;

import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * Which gates each step forward checks: every step wants the fleet on the current version and none stale; from
 * HISTORY_COPIED on, no failed write may wait for replay; and three steps have a gate of their own (copy finished,
 * validation clean, shadow reads agree).
 */
final class PhaseGates {

  private static final List<Gate> FLEET = List.of(new InstancesAcknowledgedGate(), new NoStaleInstancesGate());
  private static final Gate DRAINED = new FailedWritesDrainedGate();

  private PhaseGates() {}

  /** The gates of the step into {@code to}, in the order they are shown. */
  static List<Gate> into(Phase to) {
    List<Gate> gates = new ArrayList<>(FLEET);
    if (to.ordinal() >= Phase.HISTORY_COPIED.ordinal()) {
      gates.add(DRAINED);
    }
    switch (to) {
      case HISTORY_COPIED -> gates.add(new CopyFinishedGate());
      case VALIDATED -> gates.add(new ValidationCleanGate());
      case READS_ON_TARGET -> gates.add(new ShadowReadsAgreeGate());
      default -> { }
    }
    return List.copyOf(gates);
  }

  /** Every gate of the step into {@code to}, checked against {@code context}. */
  static List<GateResult> check(Phase to, GateContext context) {
    return into(to).stream().map(gate -> gate.check(context)).toList();
  }
}
