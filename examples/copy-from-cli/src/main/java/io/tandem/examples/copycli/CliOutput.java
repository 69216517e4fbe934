package io.tandem.examples.copycli;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures the example takes from the command line's own output: the line {@code count} prints per table,
 * and the line {@code copy} prints when a table is done.
 */
final class CliOutput {

  private static final Pattern COUNT = Pattern.compile("^(\\S+): source ([\\d,]+) rows, target ([\\d,]+) rows");
  private static final Pattern COPY = Pattern.compile("^(\\S+): (?:DRY RUN, )?(\\w+), ([\\d,]+) rows read, "
      + "([\\d,]+) writes, ([\\d,]+) rows/s, (complete|cancelled|INCOMPLETE)( \\(resumed\\))?");

  /** {@code ks.table: source 100,000 rows, target 0 rows  DIFFERENT}. */
  record Count(String table, long sourceRows, long targetRows) {}

  /** {@code ks.table: PRESERVE, 58,120 rows read, 58,120 writes, 4,981 rows/s, complete (resumed)}. */
  record Copy(String table, long rowsRead, long writes, long rowsPerSecond, boolean complete, boolean resumed) {}

  private CliOutput() {}

  /** The count of {@code table} in {@code output}, if printed. */
  static Optional<Count> count(List<String> output, String table) {
    for (String line : output) {
      Matcher matcher = COUNT.matcher(line);
      if (matcher.find() && matcher.group(1).equals(table)) {
        return Optional.of(new Count(table, number(matcher.group(2)), number(matcher.group(3))));
      }
    }
    return Optional.empty();
  }

  /** The copy summary of {@code table} in {@code output}, if printed. */
  static Optional<Copy> copy(List<String> output, String table) {
    for (String line : output) {
      Matcher matcher = COPY.matcher(line);
      if (matcher.find() && matcher.group(1).equals(table)) {
        return Optional.of(new Copy(table, number(matcher.group(3)), number(matcher.group(4)),
            number(matcher.group(5)), matcher.group(6).equals("complete"), matcher.group(7) != null));
      }
    }
    return Optional.empty();
  }

  private static long number(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }
}
