package io.tandem.benchmarks;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.time.TimestampGenerator;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an application would write by hand for ASYNC mirroring: the row goes to the source, and once the
 * source answered, a copy with the same client-side timestamp goes to the target in the background; the
 * caller is answered with the source's answer. Like Tandem's ASYNC mode it bounds the copies in flight:
 * the caller waits for a free slot before it writes. The reference that tells the cost of answering early
 * (more requests in flight on a shared machine) from the cost of Tandem's own code.
 */
public final class BackgroundCopyWrites implements Operation {

  private final CqlSession source;
  private final PreparedStatement sourceInsert;
  private final CqlSession target;
  private final PreparedStatement targetInsert;
  private final TimestampGenerator timestamps;
  private final int writeKeys;
  private final String value;
  private final Semaphore copySlots;
  private final AtomicLong copiesInFlight = new AtomicLong();
  private final LongAdder failedCopies = new LongAdder();
  private final AtomicReference<Throwable> firstCopyError = new AtomicReference<>();

  /** @param maxCopiesInFlight most copies in flight at once, as Tandem's {@code maxInFlight} */
  public BackgroundCopyWrites(CqlSession source, PreparedStatement sourceInsert, CqlSession target,
      PreparedStatement targetInsert, int writeKeys, String value, int maxCopiesInFlight) {
    this.copySlots = new Semaphore(maxCopiesInFlight);
    this.source = source;
    this.sourceInsert = sourceInsert;
    this.target = target;
    this.targetInsert = targetInsert;
    this.timestamps = source.getContext().getTimestampGenerator();
    this.writeKeys = writeKeys;
    this.value = value;
  }

  @Override
  public CompletionStage<?> start() {
    int key = ThreadLocalRandom.current().nextInt(writeKeys);
    long timestamp = timestamps.next();
    copySlots.acquireUninterruptibly();
    copiesInFlight.incrementAndGet();
    CompletionStage<?> primary = source.executeAsync(sourceInsert.bind(key, value).setQueryTimestamp(timestamp));
    primary.whenComplete((ignored, error) -> {
      if (error != null) {
        copyDone(null);
        return;
      }
      target.executeAsync(targetInsert.bind(key, value).setQueryTimestamp(timestamp))
          .whenComplete((copied, copyError) -> copyDone(copyError));
    });
    return primary;
  }

  private void copyDone(Throwable copyError) {
    if (copyError != null) {
      failedCopies.increment();
      firstCopyError.compareAndSet(null, copyError);
    }
    copiesInFlight.decrementAndGet();
    copySlots.release();
  }

  /** Waits until no copy is in flight, so none runs into the next phase; returns a note for the results. */
  public String awaitCopies(Duration timeout) throws InterruptedException {
    long started = System.nanoTime();
    while (copiesInFlight.get() > 0 && System.nanoTime() - started < timeout.toNanos()) {
      Thread.sleep(2);
    }
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    return copiesInFlight.get() > 0
        ? copiesInFlight.get() + " copies still unfinished after " + waitedMillis + " ms"
        : "copies drained in " + waitedMillis + " ms" + (failedCopies.sum() > 0
            ? " (" + failedCopies.sum() + " copies failed so far, first: " + firstCopyError.get() + ")" : "");
  }
}
