package io.tandem.validator.internal.range;

import io.tandem.validator.api.range.RangeListener;
import io.tandem.validator.api.range.TokenRange;
import io.tandem.validator.internal.scan.ScanException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link RangeJob} over token ranges on a fixed number of worker threads. A range whose read times out
 * (typically a big partition) is resumed after its last completed token, split in two, and retried; other
 * errors are retried a few times; a range that still fails is reported, and the run goes on with the rest.
 */
public final class RangeRunner {

  private static final Logger LOG = LoggerFactory.getLogger(RangeRunner.class);
  private static final int MAX_SPLIT_DEPTH = 10;
  private static final int MAX_ATTEMPTS = 3;

  private final int concurrency;
  private final String name;
  private final Duration retryDelay;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  /**
   * @param concurrency ranges worked on at once
   * @param name        names the worker threads
   * @param retryDelay  pause before a failed range is tried again (doubled each attempt)
   */
  public RangeRunner(int concurrency, String name, Duration retryDelay) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
    }
    this.concurrency = concurrency;
    this.name = name;
    this.retryDelay = retryDelay;
  }

  /** Stops handing out ranges; jobs see {@link RangeProgress#isCancelled()} and stop at a row boundary. */
  public void cancel() {
    cancelled.set(true);
  }

  /** Runs {@code job} over {@code ranges} and returns once every range is done, failed, or the run cancelled. */
  public RangeRunResult run(List<TokenRange> ranges, RangeJob job, RangeListener listener) {
    BigInteger total = ranges.stream().map(TokenRange::width).reduce(BigInteger.ZERO, BigInteger::add);
    listener.started(ranges, total);
    LinkedBlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    AtomicInteger outstanding = new AtomicInteger(ranges.size());
    ranges.forEach(range -> queue.add(new Task(range, 0, 0)));
    List<FailedRange> failures = Collections.synchronizedList(new ArrayList<>());
    ExecutorService workers = Executors.newFixedThreadPool(concurrency, daemonThreads());
    for (int index = 0; index < concurrency; index++) {
      workers.execute(() -> work(queue, outstanding, job, listener, failures));
    }
    workers.shutdown();
    try {
      while (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
        // workers exit once no range is outstanding
      }
    } catch (InterruptedException e) {
      cancel();
      Thread.currentThread().interrupt();
    } finally {
      listener.finished();
    }
    return new RangeRunResult(List.copyOf(failures), cancelled.get());
  }

  private void work(
      LinkedBlockingQueue<Task> queue, AtomicInteger outstanding, RangeJob job, RangeListener listener,
      List<FailedRange> failures) {
    while (outstanding.get() > 0 && !cancelled.get()) {
      Task task;
      try {
        task = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (task != null) {
        List<Task> follow = runOne(task, job, listener, failures);
        outstanding.addAndGet(follow.size());
        queue.addAll(follow);
        outstanding.decrementAndGet();
      }
    }
  }

  /** Runs one task; returns the tasks that continue it (split pieces or a retry), if any. */
  private List<Task> runOne(Task task, RangeJob job, RangeListener listener, List<FailedRange> failures) {
    TaskProgress progress = new TaskProgress(task.range, listener, cancelled);
    try {
      job.run(task.range, progress);
      if (!cancelled.get()) {
        progress.finish();
        listener.completed(task.range);
      }
      return List.of();
    } catch (Exception | AssertionError error) {
      TokenRange remaining = progress.remaining();
      if (remaining == null) {
        listener.completed(task.range);
        return List.of();
      }
      return retry(task, remaining, error, listener, failures);
    }
  }

  private List<Task> retry(
      Task task, TokenRange remaining, Throwable error, RangeListener listener, List<FailedRange> failures) {
    boolean timeout = error instanceof ScanException scan && scan.isTimeout();
    if (timeout && task.splitDepth < MAX_SPLIT_DEPTH && remaining.width().compareTo(BigInteger.ONE) > 0) {
      List<TokenRange> pieces = remaining.split(2);
      LOG.debug("Range {} timed out; retrying what remains as {}", task.range, pieces);
      listener.split(task.range, pieces);
      return pieces.stream().map(piece -> new Task(piece, task.splitDepth + 1, 0)).toList();
    }
    if (task.attempts + 1 < MAX_ATTEMPTS && !cancelled.get()) {
      LOG.debug("Range {} failed ({}); retrying {}", task.range, error.toString(), remaining);
      sleep(retryDelay.multipliedBy(1L << task.attempts));
      listener.split(task.range, List.of(remaining));
      return List.of(new Task(remaining, task.splitDepth, task.attempts + 1));
    }
    LOG.warn("Giving up on token range {} of {} after {} attempts: {}", remaining, name, MAX_ATTEMPTS, error.toString());
    failures.add(new FailedRange(remaining, error));
    listener.failed(task.range, remaining, error);
    return List.of();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "tandem-" + name + "-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private record Task(TokenRange range, int splitDepth, int attempts) {}

  /** A range that could not be processed, with the last error. */
  public record FailedRange(TokenRange range, Throwable error) {}

  /** How a run ended: the ranges that failed for good, and whether it was cancelled. */
  public record RangeRunResult(List<FailedRange> failures, boolean cancelled) {
    public boolean isComplete() {
      return failures.isEmpty() && !cancelled;
    }
  }
}
