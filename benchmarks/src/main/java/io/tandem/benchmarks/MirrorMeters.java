package io.tandem.benchmarks;

import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.core.api.MirrorEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * What a Tandem front door under test (a {@code DualWriteCqlSession} or the proxy) reports about its mirror,
 * read from the meters its engine records into: counts the writes the application saw succeed, waits for
 * their mirrored copies to finish, and says what happened to them.
 */
public final class MirrorMeters {

  private final Supplier<MeterReadings> readings;
  private final Duration pollInterval;
  private final LongAdder answeredWrites = new LongAdder();

  /** @param registry the registry {@code engine} records its {@code tandem.*} meters into */
  public MirrorMeters(MeterRegistry registry, MirrorEngine engine) {
    this(() -> MeterReadings.of(registry, engine), Duration.ofMillis(2));
  }

  /**
   * @param readings the meters as they are now, asked anew for every look
   * @param pollInterval how often {@link #awaitCopies} looks
   */
  public MirrorMeters(Supplier<MeterReadings> readings, Duration pollInterval) {
    this.readings = readings;
    this.pollInterval = pollInterval;
  }

  /** The given writes, each counted once it succeeded for the application. */
  public Operation counted(Operation writes) {
    return () -> writes.start().whenComplete((ignored, error) -> {
      if (error == null) {
        answeredWrites.increment();
      }
    });
  }

  /**
   * Waits until every answered write's copy was applied on the other cluster or logged for replay, so
   * that no mirrored work from this phase runs into the next one. Returns a note for the results.
   */
  public String awaitCopies(Duration timeout) throws InterruptedException {
    long started = System.nanoTime();
    long expected = answeredWrites.sum();
    long finished = copiesFinished();
    while (finished < expected && System.nanoTime() - started < timeout.toNanos()) {
      Thread.sleep(pollInterval.toMillis());
      finished = copiesFinished();
    }
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    long unfinished = expected - finished;
    return unfinished > 0
        ? unfinished + " mirrored copies still unfinished after " + waitedMillis + " ms"
        : "mirror backlog drained in " + waitedMillis + " ms";
  }

  private long copiesFinished() {
    return Math.round(readings.get().counter("tandem.mirror.writes", Map.of()));
  }

  /** What the meters say after the scenario. */
  public List<String> findings() {
    MeterReadings now = readings.get();
    List<String> findings = new ArrayList<>();
    long answered = answeredWrites.sum();
    if (answered > 0) {
      findings.add(String.format(Locale.ROOT, "%s writes answered to the application (warmup included); "
              + "copies applied on the target: %d, logged for replay: %d; mirror failures: %d; "
              + "failed-write log entries pending: %d.",
          answered,
          Math.round(now.counter("tandem.mirror.writes", Map.of("outcome", "mirrored"))),
          Math.round(now.counter("tandem.mirror.writes", Map.of("outcome", "logged_for_replay"))),
          Math.round(now.counter("tandem.mirror.failures", Map.of())),
          now.failedWritesPending()));
    }
    for (String kind : List.of("read", "write")) {
      for (String side : List.of("source", "target")) {
        MeterReadings.TimerReading timer = now.timer("tandem.request.latency", Map.of("side", side, "kind", kind));
        if (timer != null && timer.count() > 0) {
          findings.add(String.format(Locale.ROOT, "Tandem's own timer `tandem.request.latency{side=%s,kind=%s}`: "
              + "%d requests, mean %.2f ms.", side, kind, timer.count(), timer.meanMillis()));
        }
      }
    }
    Double inFlight = now.gauge("tandem.mirror.in_flight");
    if (answered > 0 && inFlight != null) {
      findings.add("Gauge `tandem.mirror.in_flight` at the end reads " + inFlight + ".");
    }
    return findings;
  }
}
