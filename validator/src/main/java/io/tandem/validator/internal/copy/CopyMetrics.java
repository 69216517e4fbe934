package io.tandem.validator.internal.copy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * The meters of a copy, tagged with the table, and this run's own counts for its report:
 * <ul>
 *   <li>{@code tandem.copy.rows} (counter): source rows read
 *   <li>{@code tandem.copy.writes} (counter): target writes issued (counted on dry runs too)
 *   <li>{@code tandem.copy.write.latency} (timer): time for the target to acknowledge one write
 *   <li>{@code tandem.copy.failures} (counter): failed write attempts, retried or not
 * </ul>
 */
final class CopyMetrics {

  private final Counter rows;
  private final Counter writes;
  private final Counter failures;
  private final Timer writeLatency;
  private final LongAdder rowsRead = new LongAdder();
  private final LongAdder writesIssued = new LongAdder();
  private final LongAdder rowsSkipped = new LongAdder();

  CopyMetrics(MeterRegistry registry, String table) {
    this.rows = Counter.builder("tandem.copy.rows").tag("table", table)
        .description("Source rows read by the historical copy").register(registry);
    this.writes = Counter.builder("tandem.copy.writes").tag("table", table)
        .description("Target writes issued by the historical copy").register(registry);
    this.failures = Counter.builder("tandem.copy.failures").tag("table", table)
        .description("Failed target write attempts of the historical copy").register(registry);
    this.writeLatency = Timer.builder("tandem.copy.write.latency").tag("table", table)
        .description("Time for the target to acknowledge one write of the historical copy").register(registry);
  }

  void rowRead() {
    rows.increment();
    rowsRead.increment();
  }

  void rowSkipped() {
    rowsSkipped.increment();
  }

  void writeIssued() {
    writes.increment();
    writesIssued.increment();
  }

  void writeSucceeded(Duration latency) {
    writeLatency.record(latency);
  }

  void writeFailed() {
    failures.increment();
  }

  long rowsRead() {
    return rowsRead.sum();
  }

  long writesIssued() {
    return writesIssued.sum();
  }

  long rowsSkipped() {
    return rowsSkipped.sum();
  }
}
