package io.tandem.core.internal.control;

import static java.util.stream.Collectors.joining;

import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.InstanceStatus;
import io.tandem.core.api.control.InstanceStatus.Liveness;
import java.util.List;

/**
 * No instance is stale: each one heard from the store lately, so it will apply the step. Gone instances (silent
 * for longer than {@code forget-after}) are ignored but named, in case one is only paused.
 */
final class NoStaleInstancesGate implements Gate {

  static final String NAME = "no-stale-instances";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GateResult check(GateContext context) {
    List<InstanceStatus> stale = with(context, Liveness.STALE);
    List<InstanceStatus> gone = with(context, Liveness.GONE);
    String ignored = gone.isEmpty() ? "" : "; ignored, silent for over "
        + context.config().forgetAfter().toSeconds() + " s: "
        + gone.stream().map(status -> status.report().instanceId()).collect(joining(", "));
    if (stale.isEmpty()) {
      return GateResult.pass(NAME, "no instance is stale" + ignored);
    }
    return GateResult.fail(NAME, stale.size() + " instance(s) stale: "
        + stale.stream().map(status -> describe(status, context)).collect(joining(", ")) + ignored);
  }

  private static List<InstanceStatus> with(GateContext context, Liveness liveness) {
    return context.instances().stream().filter(status -> status.liveness() == liveness).toList();
  }

  private static String describe(InstanceStatus status, GateContext context) {
    long seconds = InstanceStatuses.age(status.report(), context.now()).toSeconds();
    String why = status.report().stale() ? "cannot read the control store" : "no heartbeat for " + seconds + " s";
    return status.report().instanceId() + " (" + why + ")";
  }
}
