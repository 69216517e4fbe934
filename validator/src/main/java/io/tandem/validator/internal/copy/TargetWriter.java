package io.tandem.validator.internal.copy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.tandem.validator.internal.range.RowThrottle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends target writes asynchronously, retrying a failed one with backoff (writes with an explicit timestamp
 * are idempotent), and feeding latencies and failures to the throttle and the meters. On a dry run it only
 * counts.
 */
final class TargetWriter {

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

  private final CqlSession target;
  private final RowThrottle throttle;
  private final CopyMetrics metrics;
  private final ScheduledExecutorService scheduler;
  private final boolean dryRun;

  TargetWriter(CqlSession target, RowThrottle throttle, CopyMetrics metrics, ScheduledExecutorService scheduler,
      boolean dryRun) {
    this.target = target;
    this.throttle = throttle;
    this.metrics = metrics;
    this.scheduler = scheduler;
    this.dryRun = dryRun;
  }

  boolean isDryRun() {
    return dryRun;
  }

  /** Sends {@code statement}, retrying up to {@code retries} times; fails with the last error. */
  CompletableFuture<Void> write(Statement<?> statement, int retries) {
    metrics.writeIssued();
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (dryRun) {
      done.complete(null);
    } else {
      attempt(statement, 0, retries, done);
    }
    return done;
  }

  private void attempt(Statement<?> statement, int attempt, int retries, CompletableFuture<Void> done) {
    long start = System.nanoTime();
    target.executeAsync(statement).whenComplete((result, error) -> {
      if (error == null) {
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        metrics.writeSucceeded(latency);
        throttle.onSuccess(latency);
        done.complete(null);
        return;
      }
      metrics.writeFailed();
      throttle.onFailure();
      if (attempt >= retries) {
        done.completeExceptionally(error);
        return;
      }
      long delay = FIRST_BACKOFF.toMillis() << attempt;
      scheduler.schedule(() -> attempt(statement, attempt + 1, retries, done), delay, TimeUnit.MILLISECONDS);
    });
  }
}
