package io.tandem.core.internal.log;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The meters of the intent log: {@code tandem.mirror.intents_pending} (gauge), {@code .intents_recovered}
 * (intents of an earlier run moved to the failed-write log at start), {@code .intents_corrupt} (damaged stretches
 * skipped at start) and {@code .intents_errors} (copies that could not be recorded).
 */
final class IntentLogMetrics {

  static final String PENDING = "tandem.mirror.intents_pending";
  static final String RECOVERED = "tandem.mirror.intents_recovered";
  static final String CORRUPT = "tandem.mirror.intents_corrupt";
  static final String ERRORS = "tandem.mirror.intents_errors";

  private final MeterRegistry registry;
  private final Gauge pending;
  private final Counter recovered;
  private final Counter corrupt;
  private final Counter errors;

  IntentLogMetrics(MeterRegistry registry, Supplier<Number> pendingCount) {
    this.registry = registry;
    pending = Gauge.builder(PENDING, pendingCount, value -> value.get().doubleValue())
        .description("Mirrored copies recorded in the intent log and not yet applied or logged for replay")
        .strongReference(true)
        .register(registry);
    recovered = Counter.builder(RECOVERED)
        .description("Unfinished copies of an earlier run moved from the intent log to the failed-write log")
        .register(registry);
    corrupt = Counter.builder(CORRUPT)
        .description("Damaged stretches of intent log segments skipped at start").register(registry);
    errors = Counter.builder(ERRORS)
        .description("Mirrored copies the intent log could not record").register(registry);
  }

  void close() {
    registry.remove(pending);
  }

  void recovered(long count) {
    recovered.increment(count);
  }

  void corrupt(int stretches) {
    corrupt.increment(stretches);
  }

  void error() {
    errors.increment();
  }
}
