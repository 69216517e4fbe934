package io.tandem.core.testing;

import io.tandem.testkit.EmbeddedCassandraCluster;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Freezes a cluster (SIGSTOP) as a stalled node or a long GC pause would, and always thaws it (SIGCONT), even
 * when the test fails meanwhile. Shipped in core's test jar.
 */
public final class TargetFreezes {

  private TargetFreezes() {}

  /** Frozen for {@code frozen}, then thawed; returns the {@link System#nanoTime()} of both, for the figures. */
  public static long[] freeze(EmbeddedCassandraCluster cluster, Duration frozen) throws InterruptedException {
    long start = System.nanoTime();
    cluster.suspend();
    try {
      Thread.sleep(frozen.toMillis()); // the stall itself: wall time is the point
    } finally {
      cluster.resume();
    }
    return new long[] {start, System.nanoTime()};
  }

  /**
   * Frozen and thawed in turn for {@code total}; {@code sample} is read every 50 ms meanwhile and its highest
   * value returned (e.g. the copies in flight).
   */
  public static long flap(EmbeddedCassandraCluster cluster, Duration total, Duration frozen, Duration thawed,
      LongSupplier sample) throws InterruptedException {
    long end = System.nanoTime() + total.toNanos();
    long highest = 0;
    boolean isFrozen = false;
    try {
      while (System.nanoTime() < end) {
        isFrozen = !isFrozen;
        if (isFrozen) {
          cluster.suspend();
        } else {
          cluster.resume();
        }
        long phaseEnd = System.nanoTime() + (isFrozen ? frozen : thawed).toNanos();
        while (System.nanoTime() < Math.min(phaseEnd, end)) {
          highest = Math.max(highest, sample.getAsLong());
          Thread.sleep(50);
        }
      }
    } finally {
      cluster.resume();
    }
    return highest;
  }
}
