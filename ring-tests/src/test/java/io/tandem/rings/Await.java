package io.tandem.rings;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition on a cluster, which has no event to wait on, until it holds or the time is up. */
final class Await {

  private static final long POLL_MILLIS = 250;

  private Await() {}

  /** @throws AssertionError naming {@code what} when {@code condition} still fails after {@code timeout} */
  static void until(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for " + what, e);
      }
    }
  }
}
