package io.tandem.benchmarks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.tandem.core.api.MirrorEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a Tandem front door under test (a {@code DualWriteCqlSession} or the proxy) reports about its mirror,
 * read from the meters its engine records into: counts the writes the application saw succeed, waits for
 * their mirrored copies to finish, and says what happened to them.
 */
public final class MirrorMeters {

  private final MeterRegistry registry;
  private final MirrorEngine engine;
  private final LongAdder answeredWrites = new LongAdder();

  /** @param registry the registry {@code engine} records its {@code tandem.*} meters into */
  public MirrorMeters(MeterRegistry registry, MirrorEngine engine) {
    this.registry = registry;
    this.engine = engine;
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
    while (copiesFinished() < expected && System.nanoTime() - started < timeout.toNanos()) {
      Thread.sleep(2);
    }
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    long unfinished = expected - copiesFinished();
    return unfinished > 0
        ? unfinished + " mirrored copies still unfinished after " + waitedMillis + " ms"
        : "mirror backlog drained in " + waitedMillis + " ms";
  }

  private long copiesFinished() {
    return sum(registry.find("tandem.mirror.writes"));
  }

  /** What the meters say after the scenario. */
  public List<String> findings() {
    List<String> findings = new ArrayList<>();
    long answered = answeredWrites.sum();
    if (answered > 0) {
      findings.add(String.format(Locale.ROOT, "%s writes answered to the application (warmup included); "
              + "copies applied on the target: %d, logged for replay: %d; mirror failures: %d; "
              + "failed-write log entries pending: %d.",
          answered,
          sum(registry.find("tandem.mirror.writes").tag("outcome", "mirrored")),
          sum(registry.find("tandem.mirror.writes").tag("outcome", "logged_for_replay")),
          sum(registry.find("tandem.mirror.failures")),
          engine.failedWrites().pendingCount()));
    }
    for (String kind : List.of("read", "write")) {
      for (String side : List.of("source", "target")) {
        Timer timer = registry.find("tandem.request.latency").tag("side", side).tag("kind", kind).timer();
        if (timer != null && timer.count() > 0) {
          findings.add(String.format(Locale.ROOT, "Tandem's own timer `tandem.request.latency{side=%s,kind=%s}`: "
              + "%d requests, mean %.2f ms.", side, kind, timer.count(), timer.mean(TimeUnit.MILLISECONDS)));
        }
      }
    }
    Gauge inFlight = registry.find("tandem.mirror.in_flight").gauge();
    if (answered > 0 && inFlight != null) {
      findings.add("Gauge `tandem.mirror.in_flight` at the end reads " + inFlight.value() + ".");
    }
    return findings;
  }

  private static long sum(Search search) {
    return Math.round(search.counters().stream().mapToDouble(Counter::count).sum());
  }
}
