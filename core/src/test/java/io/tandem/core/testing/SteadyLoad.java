package io.tandem.core.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An application writing at a steady rate, as a stall test needs: one async insert {@code (k, 'v' + k)} per tick
 * whatever the answers take (an open loop, so a slow answer cannot hide by slowing the load), each write's start,
 * latency and error recorded. Shipped in core's test jar.
 */
public final class SteadyLoad implements AutoCloseable {

  /** One write: its key, when it started ({@link System#nanoTime()}), how long it took, whether it failed. */
  public record Sample(int key, long startedNanos, long latencyNanos, Throwable error) {}

  private final CqlSession session;
  private final PreparedStatement insert;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "steady-load"));
  private final AtomicInteger nextKey = new AtomicInteger();
  private final LongAdder answered = new LongAdder();
  private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

  private SteadyLoad(CqlSession session, PreparedStatement insert) {
    this.session = session;
    this.insert = insert;
  }

  /** Starts writing {@code perSecond} rows a second through {@code session} with {@code insert (k, v)}. */
  public static SteadyLoad start(CqlSession session, PreparedStatement insert, int perSecond) {
    SteadyLoad load = new SteadyLoad(session, insert);
    long period = TimeUnit.SECONDS.toNanos(1) / perSecond;
    load.ticker.scheduleAtFixedRate(load::writeOne, 0, period, TimeUnit.NANOSECONDS);
    return load;
  }

  private void writeOne() {
    int key = nextKey.getAndIncrement();
    long started = System.nanoTime();
    session.executeAsync(insert.bind(key, "v" + key)).whenComplete((result, error) -> {
      samples.add(new Sample(key, started, System.nanoTime() - started, error));
      answered.increment();
    });
  }

  /** Stops writing and waits up to {@code timeout} for the writes sent to be answered; returns whether all were. */
  public boolean stop(Duration timeout) throws InterruptedException {
    ticker.shutdown();
    ticker.awaitTermination(5, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (answered.sum() < nextKey.get() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return answered.sum() == nextKey.get();
  }

  /** Writes sent so far. */
  public int sent() {
    return nextKey.get();
  }

  /** The writes started between the two {@link System#nanoTime()} readings. */
  public Figures between(long fromNanos, long toNanos) {
    return Figures.of(samples.stream()
        .filter(sample -> sample.startedNanos() >= fromNanos && sample.startedNanos() < toNanos).toList());
  }

  /** Every write answered so far. */
  public Figures all() {
    return Figures.of(List.copyOf(samples));
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }

  /** Count, errors and latency percentiles (ms) of some writes, with a few of the errors. */
  public record Figures(int writes, int errors, double p50Millis, double p99Millis, double maxMillis,
      List<String> someErrors) {

    static Figures of(List<Sample> samples) {
      long[] latencies = samples.stream().mapToLong(Sample::latencyNanos).sorted().toArray();
      List<Sample> failed = samples.stream().filter(sample -> sample.error() != null).toList();
      return new Figures(samples.size(), failed.size(), percentile(latencies, 0.50), percentile(latencies, 0.99),
          latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6,
          failed.stream().limit(3).map(sample -> String.valueOf(sample.error())).toList());
    }

    private static double percentile(long[] sorted, double rank) {
      if (sorted.length == 0) {
        return 0;
      }
      int index = (int) Math.ceil(rank * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    @Override
    public String toString() {
      return String.format("%d writes, %d errors, p50 %.1f ms, p99 %.1f ms, max %.1f ms%s", writes, errors,
          p50Millis, p99Millis, maxMillis, someErrors.isEmpty() ? "" : ", e.g. " + someErrors);
    }
  }
}
