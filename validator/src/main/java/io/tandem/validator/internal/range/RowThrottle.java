package io.tandem.validator.internal.range;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Limits rows per second across all workers of a run (a Resilience4j {@link RateLimiter} refilled every
 * 100 ms). Adaptive throttles also back off multiplicatively when writes fail or their latency passes a
 * target, and creep back up additively while they succeed under it (AIMD), never above the configured rate.
 */
public final class RowThrottle {

  private static final Duration PERIOD = Duration.ofMillis(100);
  private static final long PERIODS_PER_SECOND = 1000 / PERIOD.toMillis();

  private final RateLimiter limiter;
  private final long maxRowsPerSecond;
  private final Duration latencyTarget;
  private final AtomicLong rowsPerSecond;
  private final AtomicLong lastAdjustNanos = new AtomicLong();

  private RowThrottle(long maxRowsPerSecond, Duration latencyTarget) {
    this.maxRowsPerSecond = maxRowsPerSecond;
    this.latencyTarget = latencyTarget;
    this.rowsPerSecond = new AtomicLong(maxRowsPerSecond);
    this.limiter =
        maxRowsPerSecond <= 0
            ? null
            : RateLimiter.of("tandem-rows", RateLimiterConfig.custom()
                .limitRefreshPeriod(PERIOD)
                .limitForPeriod(perPeriod(maxRowsPerSecond))
                .timeoutDuration(Duration.ofDays(1))
                .build());
  }

  /** No limit. */
  public static RowThrottle unlimited() {
    return new RowThrottle(0, null);
  }

  /** At most {@code rowsPerSecond} rows per second (0 or less: no limit). */
  public static RowThrottle fixed(long rowsPerSecond) {
    return new RowThrottle(rowsPerSecond, null);
  }

  /** At most {@code maxRowsPerSecond}, lowered while writes fail or take longer than {@code latencyTarget}. */
  public static RowThrottle adaptive(long maxRowsPerSecond, Duration latencyTarget) {
    if (maxRowsPerSecond <= 0) {
      throw new IllegalArgumentException("An adaptive rate needs a maximum rows/s > 0, got " + maxRowsPerSecond);
    }
    return new RowThrottle(maxRowsPerSecond, latencyTarget);
  }

  /** Blocks until {@code rows} rows may proceed. */
  public void acquire(int rows) {
    if (limiter == null) {
      return;
    }
    int left = rows;
    while (left > 0) {
      int chunk = Math.min(left, limiter.getRateLimiterConfig().getLimitForPeriod());
      limiter.acquirePermission(chunk);
      left -= chunk;
    }
  }

  /** A write (or read) succeeded after {@code latency}. */
  public void onSuccess(Duration latency) {
    if (latencyTarget == null) {
      return;
    }
    if (latency.compareTo(latencyTarget) > 0) {
      decrease();
    } else if (mayAdjust()) {
      setRate(Math.min(maxRowsPerSecond, rowsPerSecond.get() + Math.max(1, maxRowsPerSecond / 50)));
    }
  }

  /** A write (or read) failed: adaptive throttles slow down. */
  public void onFailure() {
    if (latencyTarget != null) {
      decrease();
    }
  }

  /** The current limit in rows per second, 0 when unlimited. */
  public long rowsPerSecond() {
    return limiter == null ? 0 : rowsPerSecond.get();
  }

  /** At most one adjustment per refill period, so a burst of concurrent results counts once. */
  private boolean mayAdjust() {
    long now = System.nanoTime();
    long last = lastAdjustNanos.get();
    return now - last >= PERIOD.toNanos() && lastAdjustNanos.compareAndSet(last, now);
  }

  private void decrease() {
    if (!mayAdjust()) {
      return;
    }
    setRate(Math.max(Math.max(1, maxRowsPerSecond / 20), (long) (rowsPerSecond.get() * 0.7)));
  }

  private void setRate(long rate) {
    if (rowsPerSecond.getAndSet(rate) != rate) {
      limiter.changeLimitForPeriod(perPeriod(rate));
    }
  }

  private static int perPeriod(long rowsPerSecond) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, rowsPerSecond / PERIODS_PER_SECOND));
  }
}
