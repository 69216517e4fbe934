package io.tandem.core.internal.replay;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tandem.core.api.replay.FailedWriteLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the failed-write log is replayed: every {@code tandem.mirror.replay.interval}, whenever a cluster's
 * breaker closes again, and at start when an earlier run left entries behind. A run starts only when entries
 * wait; runs never overlap ({@link FailedWriteReplayer} queues them on its thread).
 */
public final class ReplayScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayScheduler.class);

  private final FailedWriteLog log;
  private final FailedWriteReplayer replayer;
  private ScheduledFuture<?> periodic;

  public ReplayScheduler(FailedWriteLog log, FailedWriteReplayer replayer) {
    this.log = log;
    this.replayer = replayer;
  }

  /**
   * Starts the periodic runs on {@code scheduler}, a run on each breaker's return to CLOSED, and a first run now
   * when entries from an earlier run wait in {@code directory}.
   */
  public void start(ScheduledExecutorService scheduler, Duration interval, Collection<CircuitBreaker> breakers,
      Path directory) {
    for (CircuitBreaker breaker : breakers) {
      breaker.getEventPublisher().onStateTransition(event -> {
        if (event.getStateTransition().getToState() == CircuitBreaker.State.CLOSED) {
          replayInBackground();
        }
      });
    }
    long millis = interval.toMillis();
    periodic = scheduler.scheduleWithFixedDelay(this::replayInBackground, millis, millis, TimeUnit.MILLISECONDS);
    if (log.pendingCount() > 0) {
      LOG.warn("{} failed writes from an earlier run wait in {}; replaying them", log.pendingCount(), directory);
      replayInBackground();
    }
  }

  private void replayInBackground() {
    if (log.pendingCount() > 0) {
      replayer.replay().exceptionally(error -> {
        LOG.error("Replay of failed writes failed", error);
        return null;
      });
    }
  }

  /** Stops the periodic runs; a run in progress finishes. */
  @Override
  public void close() {
    if (periodic != null) {
      periodic.cancel(false);
    }
  }
}
