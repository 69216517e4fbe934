package io.tandem.validator.internal.report;

import io.tandem.validator.api.validate.CellDifference;
import io.tandem.validator.api.validate.Mismatch;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.api.validate.TableValidation;
import java.io.PrintStream;
import java.util.List;

/** A few readable lines per table for a terminal; values are cut at {@value #MAX_VALUE_LENGTH} characters here only. */
public final class ConsoleSummary {

  static final int MAX_VALUE_LENGTH = 60;
  private static final int MISMATCHES_SHOWN = 10;

  private ConsoleSummary() {}

  public static void print(PrintStream out, List<TableValidation> tables) {
    for (TableValidation table : tables) {
      out.printf("%s: %s, %,d/%,d rows read (source/target), %,d compared; mismatch %d, missing in target %d, "
              + "missing in source %d, in flight %d, writetime within tolerance %d, failed ranges %d, %d ms%n",
          table.table(), verdict(table), table.sourceRows(), table.targetRows(),
          table.rowsCompared(), table.count(MismatchKind.MISMATCH), table.count(MismatchKind.MISSING_IN_TARGET),
          table.count(MismatchKind.MISSING_IN_SOURCE), table.count(MismatchKind.IN_FLIGHT),
          table.count(MismatchKind.WRITETIME_WITHIN_TOLERANCE), table.failedRanges().size(),
          table.duration().toMillis());
      table.mismatches().stream().limit(MISMATCHES_SHOWN).forEach(mismatch -> out.println("  " + describe(mismatch)));
    }
  }

  /** SAME DATA or DIFFERS; CANCELLED (with DIFFERS when it found differences until then) when it was stopped. */
  static String verdict(TableValidation table) {
    boolean differs = table.realMismatches() > 0 || !table.failedRanges().isEmpty();
    if (table.cancelled()) {
      return differs ? "DIFFERS, CANCELLED" : "CANCELLED";
    }
    return differs ? "DIFFERS" : "SAME DATA";
  }

  /** One line: kind, key, then each cell as {@code column: source -> target}. */
  public static String describe(Mismatch mismatch) {
    StringBuilder line = new StringBuilder().append(mismatch.kind()).append(' ').append(mismatch.table()).append(" [")
        .append(truncate(mismatch.keyText())).append(']');
    for (CellDifference cell : mismatch.cells()) {
      line.append(' ').append(cell.column()).append(": ").append(truncate(cell.sourceValue())).append(" -> ")
          .append(truncate(cell.targetValue()));
      if (!cell.differences().isEmpty()) {
        line.append(' ').append(cell.differences());
      }
    }
    return line.toString();
  }

  static String truncate(String value) {
    if (value == null) {
      return "(absent)";
    }
    return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH - 3) + "...";
  }
}
