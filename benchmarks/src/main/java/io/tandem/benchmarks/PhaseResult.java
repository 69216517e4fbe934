package io.tandem.benchmarks;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * What one timed phase of one contender measured.
 *
 * @param label the contender's label
 * @param completed requests answered successfully
 * @param failed requests that failed
 * @param elapsed from the first request to the last answer
 * @param latencies latency of the successful requests, in microseconds
 * @param firstError the first failure seen, or null
 * @param settleNote what the contender's clean-up after the phase reported, or null
 */
public record PhaseResult(
    String label,
    long completed,
    long failed,
    Duration elapsed,
    Histogram latencies,
    Throwable firstError,
    String settleNote) {

  /** Successful requests per second. */
  public double operationsPerSecond() {
    return completed / (elapsed.toNanos() / 1e9);
  }

  /** The same result with the note the contender's clean-up left. */
  public PhaseResult withSettleNote(String note) {
    return new PhaseResult(label, completed, failed, elapsed, latencies, firstError, note);
  }
}
