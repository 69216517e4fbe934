package io.tandem.examples.copycli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The example's console output: each step announced with its number and the time since the start, its lines
 * indented below it, its figures when it ends, and a summary table of every step at the end. Lines from the
 * command line's own output are marked with {@code |}.
 */
final class StepLog {

  private static final String INDENT = "           ";

  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final List<Step> steps = new ArrayList<>();

  StepLog(PrintStream out) {
    this.out = out;
  }

  /** Announces a step and starts its clock. */
  synchronized Step begin(String title) {
    Step step = new Step(steps.size() + 1, title);
    steps.add(step);
    out.printf(Locale.ROOT, "%n[%6.1f s] == %d. %s%n", seconds(elapsed()), step.number, title);
    return step;
  }

  /** A line under the current step. */
  synchronized void line(String format, Object... arguments) {
    out.println(INDENT + String.format(Locale.ROOT, format, arguments));
  }

  /** A command line as the user types it. */
  synchronized void command(String commandLine) {
    out.println(INDENT + "$ " + commandLine);
  }

  /** One line the command line printed. */
  synchronized void output(String line) {
    out.println(INDENT + "| " + line);
  }

  /** A line outside any step. */
  synchronized void plain(String format, Object... arguments) {
    out.println(String.format(Locale.ROOT, format, arguments));
  }

  /** Ends the step that was running when the run stopped on an error, if any. */
  synchronized void failCurrent(String reason) {
    for (int index = steps.size() - 1; index >= 0; index--) {
      if (steps.get(index).duration == null) {
        steps.get(index).end("FAILED: %s", reason);
        return;
      }
    }
  }

  /** Prints every step with its duration and figures. */
  synchronized void printSummary() {
    out.println();
    out.println("Summary");
    out.printf(Locale.ROOT, "  %-3s %-42s %9s  %s%n", "#", "step", "duration", "figures");
    for (Step step : steps) {
      String duration = step.duration == null ? "(not finished)" : String.format(Locale.ROOT, "%.1f s",
          seconds(step.duration));
      out.printf(Locale.ROOT, "  %-3d %-42s %9s  %s%n", step.number, step.title, duration, step.figures);
    }
    out.printf(Locale.ROOT, "  %-46s %9s%n", "total", String.format(Locale.ROOT, "%.1f s", seconds(elapsed())));
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  /** {@code 12,345}. */
  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** One step: {@link #end} records its duration and the figures shown in the summary. */
  final class Step {
    private final int number;
    private final String title;
    private final long beginNanos = System.nanoTime();
    private Duration duration;
    private String figures = "";

    private Step(int number, String title) {
      this.number = number;
      this.title = title;
    }

    /** Ends the step: prints its figures and duration, and keeps them for the summary. */
    void end(String format, Object... arguments) {
      synchronized (StepLog.this) {
        duration = Duration.ofNanos(System.nanoTime() - beginNanos);
        figures = String.format(Locale.ROOT, format, arguments);
        out.printf(Locale.ROOT, "%s-> %s in %.1f s%n", INDENT, figures.isEmpty() ? "done" : figures,
            seconds(duration));
      }
    }
  }
}
