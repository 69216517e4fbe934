package io.tandem.core.internal.mirror;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirrorOutcome;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The meters of the mirror engine, all named {@code tandem.*}. Front doors record per-side latency here
 * too, so that the wrapper and the proxy report under the same names.
 *
 * <ul>
 *   <li>{@code tandem.mirror.writes} (counter; outcome, keyspace, table)
 *   <li>{@code tandem.mirror.failures} (counter; side, cause = exception class)
 *   <li>{@code tandem.mirror.non_replayable} (counter): writes that failed and may not be repeated
 *   <li>{@code tandem.mirror.lost} (counter): writes that could be neither mirrored nor logged
 *   <li>{@code tandem.mirror.lwt_copies} (counter; outcome): LWTs copied with {@code lwt-copy =
 *       UNCONDITIONAL_AT_PRIMARY_WRITETIME}
 *   <li>{@code tandem.mirror.in_flight} (gauge)
 *   <li>{@code tandem.request.latency} (timer; side, kind = read or write)
 *   <li>{@code tandem.replay.applied}, {@code tandem.replay.failed} (counters)
 *   <li>{@code tandem.mirror.deadline_expired} (counter; side): SYNC callers answered before the secondary's
 *       copy, at its deadline
 * </ul>
 */
public final class MirrorMetrics {

  private final MeterRegistry registry;
  private final Counter nonReplayable;
  private final Counter lost;
  private final Counter replayApplied;
  private final Counter replayFailed;
  /** Every failed copy, whatever its side and cause, for the control plane's heartbeat. */
  private final LongAdder failures = new LongAdder();
  private final Map<Side, Timer> readLatencies = new EnumMap<>(Side.class);
  private final Map<Side, Timer> writeLatencies = new EnumMap<>(Side.class);
  private final Map<Side, Counter> deadlineExpiries = new EnumMap<>(Side.class);
  /** Every deadline expiry, whatever its side, for the health figures. */
  private final LongAdder deadlineExpiryTotal = new LongAdder();
  /** Looked up once per outcome and table: a registry lookup builds and sorts the tags on every call. */
  private final Map<WriteKey, Counter> writes = new ConcurrentHashMap<>();

  private record WriteKey(MirrorOutcome outcome, String keyspace, String table) {}

  public MirrorMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.nonReplayable = registry.counter("tandem.mirror.non_replayable");
    this.lost = registry.counter("tandem.mirror.lost");
    this.replayApplied = registry.counter("tandem.replay.applied");
    this.replayFailed = registry.counter("tandem.replay.failed");
    for (Side side : Side.values()) {
      readLatencies.put(side, latencyTimer(side, "read"));
      writeLatencies.put(side, latencyTimer(side, "write"));
      deadlineExpiries.put(side, Counter.builder("tandem.mirror.deadline_expired").tag("side", tag(side))
          .description("SYNC writes answered at the secondary deadline, before the secondary's copy")
          .register(registry));
    }
  }

  /**
   * Count, total and max only: client-side percentiles cost too much per request. Turn on a histogram
   * with a Micrometer {@code MeterFilter} when the registry should compute percentiles.
   */
  private Timer latencyTimer(Side side, String kind) {
    return Timer.builder("tandem.request.latency")
        .tags("side", tag(side), "kind", kind)
        .description("Time for one cluster to answer a request sent through Tandem")
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void gaugeInFlight(Supplier<Number> inFlight) {
    // strongly referenced: Micrometer holds gauge objects weakly, and a method reference would be collected
    Gauge.builder("tandem.mirror.in_flight", inFlight, value -> value.get().doubleValue())
        .description("Mirrored writes sent to the secondary and not yet answered")
        .strongReference(true)
        .register(registry);
  }

  public void write(MirrorOutcome outcome, String keyspace, String table) {
    writes.computeIfAbsent(new WriteKey(outcome, keyspace, table), key -> registry.counter(
            "tandem.mirror.writes",
            "outcome", outcome.name().toLowerCase(Locale.ROOT),
            "keyspace", keyspace == null ? "none" : keyspace,
            "table", table == null ? "none" : table))
        .increment();
  }

  public void failure(Side side, Throwable cause) {
    failures.increment();
    registry
        .counter("tandem.mirror.failures", "side", tag(side), "cause", cause.getClass().getSimpleName())
        .increment();
  }

  /** Copies counted by {@link #failure} since this was created. */
  public long failureCount() {
    return failures.sum();
  }

  public void nonReplayable() {
    nonReplayable.increment();
  }

  public void lost() {
    lost.increment();
  }

  public void replayApplied() {
    replayApplied.increment();
  }

  public void replayFailed() {
    replayFailed.increment();
  }

  /** A SYNC caller got its answer at the secondary deadline, before the copy on {@code side} was done. */
  public void deadlineExpired(Side side) {
    deadlineExpiryTotal.increment();
    deadlineExpiries.get(side).increment();
  }

  /** Deadline expiries counted by {@link #deadlineExpired} since this was created. */
  public long deadlineExpiryCount() {
    return deadlineExpiryTotal.sum();
  }

  /** Latency of one request on one cluster; {@code kind} is {@code "read"} or {@code "write"}. */
  public void latency(Side side, String kind, Duration duration) {
    (kind.equals("read") ? readLatencies : writeLatencies).get(side).record(duration);
  }

  private static String tag(Side side) {
    return side.name().toLowerCase(Locale.ROOT);
  }

  /**
   * An LWT copied with {@code lwt-copy = UNCONDITIONAL_AT_PRIMARY_WRITETIME}, by {@code outcome}: {@code
   * unconditional}, {@code not_applied} (nothing sent), {@code conditional} (the conditional copy, as no write time
   * could be read back).
   */
  public void lwtCopy(String outcome) {
    registry.counter("tandem.mirror.lwt_copies", "outcome", outcome).increment();
  }
}
