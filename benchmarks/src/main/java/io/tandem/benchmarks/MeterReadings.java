package io.tandem.benchmarks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.tandem.core.api.MirrorEngine;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The mirror engine's meters as {@link MirrorMeters} reads them, by Micrometer name and tags: from a registry in
 * this JVM ({@link #of}), or from the text a proxy's {@code /metrics} answered.
 */
public interface MeterReadings {

  /** Count and total time of a timer's series. */
  record TimerReading(long count, double totalMillis) {

    public double meanMillis() {
      return count == 0 ? 0 : totalMillis / count;
    }
  }

  /** The sum of the counter {@code name} over its series carrying every one of {@code tags}; 0 when none. */
  double counter(String name, Map<String, String> tags);

  /** The timer {@code name} over its series carrying every one of {@code tags}, or null when there is none. */
  TimerReading timer(String name, Map<String, String> tags);

  /** The value of the gauge {@code name}, or null when there is none. */
  Double gauge(String name);

  /** Entries of the failed-write log not yet replayed. */
  long failedWritesPending();

  /** The live meters of {@code registry}, which {@code engine} records into. */
  static MeterReadings of(MeterRegistry registry, MirrorEngine engine) {
    return new MeterReadings() {
      @Override
      public double counter(String name, Map<String, String> tags) {
        return search(name, tags).counters().stream().mapToDouble(Counter::count).sum();
      }

      @Override
      public TimerReading timer(String name, Map<String, String> tags) {
        Timer timer = search(name, tags).timer();
        return timer == null ? null : new TimerReading(timer.count(), timer.totalTime(TimeUnit.MILLISECONDS));
      }

      @Override
      public Double gauge(String name) {
        Gauge gauge = registry.find(name).gauge();
        return gauge == null ? null : gauge.value();
      }

      @Override
      public long failedWritesPending() {
        return engine.failedWrites().pendingCount();
      }

      private Search search(String name, Map<String, String> tags) {
        Search search = registry.find(name);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
          search = search.tag(tag.getKey(), tag.getValue());
        }
        return search;
      }
    };
  }
}
