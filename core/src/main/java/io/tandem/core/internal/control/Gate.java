package io.tandem.core.internal.control;

import io.tandem.core.api.control.GateResult;

/** One check a step forward must pass; {@link PhaseGates} says which steps check which gates. */
interface Gate {

  /** The name operators see and {@code --force} overrides, e.g. {@code instances-acknowledged}. */
  String name();

  GateResult check(GateContext context);
}
