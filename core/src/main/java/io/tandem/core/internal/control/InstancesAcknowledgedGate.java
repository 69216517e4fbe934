package io.tandem.core.internal.control;

import static java.util.stream.Collectors.joining;

import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.InstanceStatus;
import java.util.List;

/** Every live or stale instance serves with the migration's current version. */
final class InstancesAcknowledgedGate implements Gate {

  static final String NAME = "instances-acknowledged";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GateResult check(GateContext context) {
    List<InstanceStatus> following = context.following();
    long version = context.record().version();
    if (following.isEmpty()) {
      return GateResult.pass(NAME, "no instance follows this migration");
    }
    List<InstanceStatus> behind = following.stream().filter(status -> !status.acknowledged()).toList();
    if (behind.isEmpty()) {
      return GateResult.pass(NAME, "all " + following.size() + " instances applied version " + version);
    }
    return GateResult.fail(NAME, behind.size() + " of " + following.size() + " instances have not applied version "
        + version + ": " + behind.stream().map(InstancesAcknowledgedGate::describe).collect(joining(", ")));
  }

  private static String describe(InstanceStatus status) {
    return status.report().instanceId() + " (applied " + status.report().appliedVersion() + ")";
  }
}
