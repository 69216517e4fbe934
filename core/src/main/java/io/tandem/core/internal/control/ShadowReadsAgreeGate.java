package io.tandem.core.internal.control;

import static java.util.stream.Collectors.joining;

import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.InstanceStatus;
import java.util.List;
import java.util.Locale;

/**
 * Where shadow reads ran, each instance's share of differing answers is at most {@code max-shadow-divergence}:
 * the target answers as the source does before it serves reads.
 */
final class ShadowReadsAgreeGate implements Gate {

  static final String NAME = "shadow-reads-agree";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GateResult check(GateContext context) {
    List<InstanceReport> shadowing = context.following().stream().map(InstanceStatus::report)
        .filter(report -> report.shadowReads() > 0).toList();
    if (shadowing.isEmpty()) {
      return GateResult.pass(NAME, "no shadow reads ran");
    }
    double max = context.config().maxShadowDivergence();
    List<InstanceReport> diverging = shadowing.stream().filter(report -> divergence(report) > max).toList();
    if (diverging.isEmpty()) {
      return GateResult.pass(NAME, "shadow reads on " + shadowing.size() + " instance(s) within "
          + percent(max) + " divergence");
    }
    return GateResult.fail(NAME, "shadow reads differ more than " + percent(max) + ": " + diverging.stream()
        .map(report -> report.instanceId() + " (" + report.shadowMismatches() + " of " + report.shadowReads()
            + ", " + percent(divergence(report)) + ")").collect(joining(", ")));
  }

  private static double divergence(InstanceReport report) {
    return (double) report.shadowMismatches() / report.shadowReads();
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.3f %%", share * 100);
  }
}
