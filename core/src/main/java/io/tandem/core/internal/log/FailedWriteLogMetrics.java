package io.tandem.core.internal.log;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters of a failed-write log: {@code tandem.failed_writes.appended}, {@code .errors} (appends and
 * other I/O that failed), {@code .corrupt} (corrupt or truncated entries found, each once), {@code .pending}
 * (gauge of entries not yet acknowledged) and {@code .fsync} (time spent forcing segments to disk).
 */
final class FailedWriteLogMetrics {

  static final String APPENDED = "tandem.failed_writes.appended";
  static final String ERRORS = "tandem.failed_writes.errors";
  static final String CORRUPT = "tandem.failed_writes.corrupt";
  static final String PENDING = "tandem.failed_writes.pending";
  static final String FSYNC = "tandem.failed_writes.fsync";

  private final MeterRegistry registry;
  private final Gauge pending;
  private final Counter appended;
  private final Counter errors;
  private final Counter corrupt;
  private final Timer fsync;

  FailedWriteLogMetrics(MeterRegistry registry, AtomicLong pendingCount) {
    this.registry = registry;
    appended = Counter.builder(APPENDED).description("Writes appended to the failed-write log")
        .register(registry);
    errors = Counter.builder(ERRORS).description("Failed-write log operations that failed with an I/O error")
        .register(registry);
    corrupt = Counter.builder(CORRUPT)
        .description("Corrupt or truncated failed-write log entries skipped with the rest of their segment")
        .register(registry);
    fsync = Timer.builder(FSYNC).description("Time spent forcing failed-write log segments to disk")
        .register(registry);
    pending = Gauge.builder(PENDING, pendingCount, AtomicLong::get)
        .description("Failed writes logged and not yet acknowledged by replay")
        .register(registry);
  }

  /** Unregisters the gauge, so that a log opened later on the same registry can register its own. */
  void close() {
    registry.remove(pending);
  }

  void appended() {
    appended.increment();
  }

  void error() {
    errors.increment();
  }

  void corrupt() {
    corrupt.increment();
  }

  void forced(long startNanos) {
    fsync.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }
}
