package io.tandem.core.internal.mirror;

import io.tandem.core.api.mirror.WriteTimestampGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Microseconds from a {@link Clock} (the system UTC clock by default), bumped by one when the clock has
 * not moved or went backwards, so timestamps never repeat and never decrease.
 */
public final class MonotonicWriteTimestampGenerator implements WriteTimestampGenerator {

  private final Clock clock;
  private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

  public MonotonicWriteTimestampGenerator() {
    this(Clock.systemUTC());
  }

  public MonotonicWriteTimestampGenerator(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public long next() {
    long now = microseconds(clock.instant());
    return last.accumulateAndGet(now, (previous, candidate) -> Math.max(previous + 1, candidate));
  }

  static long microseconds(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }
}
