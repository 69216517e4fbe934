package io.tandem.benchmarks;

import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Throughput and latency of one contender over all its measured phases: the phases' histograms are
 * merged, and throughput is all successful requests over all measured time.
 *
 * @param completed successful requests
 * @param failed failed requests
 * @param elapsed measured time, summed over the phases
 * @param operationsPerSecond successful requests per second
 * @param p50Millis median latency
 * @param p99Millis 99th percentile latency
 * @param p999Millis 99.9th percentile latency
 * @param maxMillis highest latency
 */
public record LatencyReport(
    long completed,
    long failed,
    Duration elapsed,
    double operationsPerSecond,
    double p50Millis,
    double p99Millis,
    double p999Millis,
    double maxMillis) {

  /** Merges the given phases. */
  public static LatencyReport of(List<PhaseResult> phases) {
    Histogram merged = new Histogram(3);
    long completed = 0;
    long failed = 0;
    Duration elapsed = Duration.ZERO;
    for (PhaseResult phase : phases) {
      merged.add(phase.latencies());
      completed += phase.completed();
      failed += phase.failed();
      elapsed = elapsed.plus(phase.elapsed());
    }
    double seconds = elapsed.toNanos() / 1e9;
    return new LatencyReport(
        completed,
        failed,
        elapsed,
        seconds == 0 ? 0 : completed / seconds,
        millis(merged.getValueAtPercentile(50)),
        millis(merged.getValueAtPercentile(99)),
        millis(merged.getValueAtPercentile(99.9)),
        millis(merged.getMaxValue()));
  }

  /** One phase on its own. */
  public static LatencyReport of(PhaseResult phase) {
    return of(List.of(phase));
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }
}
