package io.tandem.core.internal.control;

import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.ValidationSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;

/**
 * Every copied table (or, with no copy recorded, every validated one) has a clean newest validation that began
 * after dual writes started: an older one cannot vouch for writes made since.
 */
final class ValidationCleanGate implements Gate {

  static final String NAME = "validation-clean";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GateResult check(GateContext context) {
    Map<String, ValidationSummary> newest = context.validations().stream().collect(Collectors.toMap(
        ValidationSummary::table, summary -> summary,
        BinaryOperator.maxBy(Comparator.comparing(ValidationSummary::startedAt))));
    Set<String> tables = tables(context, newest);
    if (tables.isEmpty()) {
      return GateResult.fail(NAME, "no validation recorded for this migration; run `tandem validate --migration "
          + context.record().id() + " ...`");
    }
    Instant since = context.record().dualWriteSince();
    List<String> problems = new ArrayList<>();
    for (String table : tables) {
      ValidationSummary summary = newest.get(table);
      if (summary == null || since == null || !summary.startedAt().isAfter(since)) {
        problems.add(table + " (not validated since dual writes started" + (since == null ? "" : " at " + since)
            + ")");
      } else if (!summary.clean()) {
        problems.add(table + " (" + summary.differences() + " difference(s), " + summary.failedRanges()
            + " failed range(s))");
      }
    }
    if (problems.isEmpty()) {
      return GateResult.pass(NAME, "all " + tables.size() + " table(s) validated clean since dual writes started");
    }
    return GateResult.fail(NAME, problems.size() + " of " + tables.size() + " table(s) not proven: "
        + String.join(", ", problems));
  }

  private static Set<String> tables(GateContext context, Map<String, ValidationSummary> newest) {
    Set<String> tables = new TreeSet<>();
    context.copies().stream().map(CopyProgress::table).forEach(tables::add);
    if (tables.isEmpty()) {
      tables.addAll(newest.keySet());
    }
    return tables;
  }
}
