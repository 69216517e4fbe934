package io.tandem.core.api.control;

import java.util.Objects;

/**
 * What one gate said about a step forward.
 *
 * @param gate the gate's name, e.g. {@code instances-acknowledged}
 * @param passed whether the step may go ahead as far as this gate is concerned
 * @param detail why, in words an operator can act on
 */
public record GateResult(String gate, boolean passed, String detail) {

  public GateResult {
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(detail, "detail");
  }

  public static GateResult pass(String gate, String detail) {
    return new GateResult(gate, true, detail);
  }

  public static GateResult fail(String gate, String detail) {
    return new GateResult(gate, false, detail);
  }

  /** {@code "PASS gate: detail"} or {@code "FAIL gate: detail"}, as the store and the CLI show it. */
  @Override
  public String toString() {
    return (passed ? "PASS " : "FAIL ") + gate + ": " + detail;
  }
}
