package io.tandem.validator.cli;

import io.tandem.validator.api.validate.CountReport;
import io.tandem.validator.api.validate.CountReport.TableCount;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code count}: rows per table on both sides. */
@Command(name = "count", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Counts the rows of each table on both clusters, range by range in parallel. "
        + "Exit code 0 when every count matches, 1 otherwise.")
public final class CountCommand implements Callable<Integer> {

  @Mixin ConnectionOptions clusters;
  @Mixin TableSelection selection;
  @Mixin ScanOptions scan;
  @Mixin LoggingOptions logging;

  @Override
  public Integer call() {
    try (SourceAndTargetSessions sessions = clusters.open()) {
      CountReport report = ValidateCommand.validator(sessions, selection, scan).build().count();
      for (TableCount table : report.tables()) {
        System.out.printf(Locale.ROOT, "%s: source %,d rows, target %,d rows%s%s%n", table.table(), table.sourceRows(),
            table.targetRows(), table.matches() ? "" : "  DIFFERENT",
            table.failedRanges().isEmpty() ? "" : " (" + table.failedRanges().size() + " ranges failed: run again)");
      }
      return report.matches() ? 0 : 1;
    }
  }
}
