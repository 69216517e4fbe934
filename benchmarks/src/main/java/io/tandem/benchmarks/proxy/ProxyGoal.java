package io.tandem.benchmarks.proxy;

import io.tandem.benchmarks.Markdown;
import io.tandem.benchmarks.ScenarioResult;
import java.util.Locale;

/** What a proxy scenario's candidate must reach against its baseline. */
public sealed interface ProxyGoal {

  /** Whether the result reaches the goal. */
  boolean met(ScenarioResult result);

  /** What is compared, for the summary: {@code "ops/s"} or {@code "p99 ms"}. */
  String measure();

  /** The candidate's score against the baseline, for example {@code "0.953"} or {@code "+0.21 ms"}. */
  String score(ScenarioResult result);

  /** The goal, for example {@code "≥ 0.9"} or {@code "≤ +0.5 ms"}. */
  String threshold();

  /** The goal in a sentence. */
  String sentence();

  /** Candidate p99 minus baseline p99, all rounds merged, in milliseconds. */
  static double addedP99Millis(ScenarioResult result) {
    return result.candidateReport().p99Millis() - result.baselineReport().p99Millis();
  }

  /** Signed milliseconds, for example {@code "+0.21 ms"}. */
  static String signedMillis(double millis) {
    return String.format(Locale.ROOT, "%+.2f ms", millis);
  }

  /**
   * Candidate throughput at least {@code minimum} × the baseline's.
   *
   * @param reference whether no goal was set and {@code minimum} is only shown for reference
   */
  record ThroughputRatio(double minimum, boolean reference) implements ProxyGoal {

    /** A goal that was set. */
    public static ThroughputRatio goal(double minimum) {
      return new ThroughputRatio(minimum, false);
    }

    /** No goal was set; {@code minimum} is shown for reference. */
    public static ThroughputRatio reference(double minimum) {
      return new ThroughputRatio(minimum, true);
    }

    @Override
    public boolean met(ScenarioResult result) {
      return result.throughputRatio() >= minimum;
    }

    @Override
    public String measure() {
      return "ops/s";
    }

    @Override
    public String score(ScenarioResult result) {
      return Markdown.ratio(result.throughputRatio());
    }

    @Override
    public String threshold() {
      return "≥ " + minimum + (reference ? " (reference)" : "");
    }

    @Override
    public String sentence() {
      return "candidate throughput ≥ " + minimum + " × baseline"
          + (reference ? " (no goal set; for reference)" : "");
    }
  }

  /** Candidate p99 at most {@code maximumMillis} above the baseline's. */
  record AddedP99(double maximumMillis) implements ProxyGoal {
    @Override
    public boolean met(ScenarioResult result) {
      return addedP99Millis(result) <= maximumMillis;
    }

    @Override
    public String measure() {
      return "p99 ms";
    }

    @Override
    public String score(ScenarioResult result) {
      return signedMillis(addedP99Millis(result));
    }

    @Override
    public String threshold() {
      return "≤ " + signedMillis(maximumMillis);
    }

    @Override
    public String sentence() {
      return "p99 added (candidate p99 − baseline p99) ≤ " + maximumMillis + " ms";
    }
  }
}
