package io.tandem.examples.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's console output: each phase announced with its number, its lines indented below it, its
 * duration and figures when it ends, and a summary table of every phase at the end.
 */
final class PhaseLog {

  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final List<Phase> phases = new ArrayList<>();

  PhaseLog(PrintStream out) {
    this.out = out;
  }

  /** Announces a phase and starts its clock. */
  Phase begin(String title) {
    Phase phase = new Phase(phases.size() + 1, title);
    phases.add(phase);
    out.printf(Locale.ROOT, "%n[%6.1f s] == %d. %s%n", elapsedSeconds(), phase.number, title);
    return phase;
  }

  /** A line under the current phase. */
  void line(String format, Object... arguments) {
    out.println("            " + String.format(Locale.ROOT, format, arguments));
  }

  /** A line outside any phase. */
  void plain(String format, Object... arguments) {
    out.println(String.format(Locale.ROOT, format, arguments));
  }

  /** Ends the phase that was running when the run stopped on an error, if any. */
  void failCurrent(String reason) {
    for (int index = phases.size() - 1; index >= 0; index--) {
      if (phases.get(index).duration == null) {
        phases.get(index).end("FAILED: %s", reason);
        return;
      }
    }
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Prints every phase with its duration and figures. */
  void printSummary() {
    out.println();
    out.println("Summary");
    out.printf(Locale.ROOT, "  %-3s %-48s %9s  %s%n", "#", "phase", "duration", "figures");
    for (Phase phase : phases) {
      String duration = phase.duration == null ? "(not finished)" : seconds(phase.duration);
      out.printf(Locale.ROOT, "  %-3d %-48s %9s  %s%n", phase.number, phase.title, duration, phase.figures);
    }
    out.printf(Locale.ROOT, "  %-52s %9s%n", "total", seconds(elapsed()));
  }

  private double elapsedSeconds() {
    return elapsed().toMillis() / 1000.0;
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** One phase: {@link #end} records its duration and the figures shown in the summary. */
  final class Phase {
    private final int number;
    private final String title;
    private final long beginNanos = System.nanoTime();
    private Duration duration;
    private String figures = "";

    private Phase(int number, String title) {
      this.number = number;
      this.title = title;
    }

    /** Ends the phase: prints its duration and figures, and keeps them for the summary. */
    void end(String format, Object... arguments) {
      duration = Duration.ofNanos(System.nanoTime() - beginNanos);
      figures = String.format(Locale.ROOT, format, arguments);
      out.printf(Locale.ROOT, "            -> %s in %s%n", figures.isEmpty() ? "done" : figures, seconds(duration));
    }

    Duration duration() {
      return duration == null ? Duration.ofNanos(System.nanoTime() - beginNanos) : duration;
    }
  }
}
