package io.tandem.core.internal.control;

import static java.util.stream.Collectors.joining;

import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.InstanceStatus;
import java.util.List;

/** No live or stale instance holds writes in its failed-write log: both clusters got every write. */
final class FailedWritesDrainedGate implements Gate {

  static final String NAME = "failed-writes-drained";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GateResult check(GateContext context) {
    List<InstanceStatus> pending = context.following().stream()
        .filter(status -> status.report().failedWritesPending() > 0).toList();
    if (pending.isEmpty()) {
      return GateResult.pass(NAME, "no failed write waits for replay");
    }
    long total = pending.stream().mapToLong(status -> status.report().failedWritesPending()).sum();
    return GateResult.fail(NAME, total + " failed write(s) wait for replay: " + pending.stream()
        .map(status -> status.report().instanceId() + " (" + status.report().failedWritesPending() + ")")
        .collect(joining(", ")));
  }
}
