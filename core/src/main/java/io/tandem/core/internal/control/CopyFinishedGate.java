package io.tandem.core.internal.control;

import static java.util.stream.Collectors.joining;

import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.api.control.GateResult;
import java.util.List;

/** The copy of history, as recorded by {@code tandem copy --migration id}, finished every range of every table. */
final class CopyFinishedGate implements Gate {

  static final String NAME = "copy-finished";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GateResult check(GateContext context) {
    List<CopyProgress> copies = context.copies();
    if (copies.isEmpty()) {
      return GateResult.fail(NAME, "no copy recorded for this migration; run `tandem copy --migration "
          + context.record().id() + " ...`");
    }
    List<CopyProgress> unfinished = copies.stream().filter(copy -> !copy.finished()).toList();
    if (unfinished.isEmpty()) {
      return GateResult.pass(NAME, "all " + copies.size() + " table(s) copied");
    }
    return GateResult.fail(NAME, unfinished.size() + " of " + copies.size() + " table(s) not fully copied: "
        + unfinished.stream().map(copy -> copy.table() + " (" + copy.rangesDone() + "/" + copy.rangesTotal()
            + " ranges)").collect(joining(", ")));
  }
}
