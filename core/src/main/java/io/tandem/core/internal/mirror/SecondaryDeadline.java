package io.tandem.core.internal.mirror;

import io.tandem.core.api.mirror.MirrorConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * How long a SYNC caller waits for the secondary's copy ({@code tandem.mirror.secondary-deadline}, default 500 ms,
 * overridden per keyspace or table by {@code table-secondary-deadlines}), and the wait itself: the caller's view
 * of the copy gives up at the deadline while the copy goes on.
 */
final class SecondaryDeadline {

  private final Duration standard;
  private final Map<String, Duration> overrides;
  private final ScheduledExecutorService scheduler;

  SecondaryDeadline(MirrorConfig config, ScheduledExecutorService scheduler) {
    this.standard = config.secondaryDeadline();
    this.overrides = config.tableSecondaryDeadlines();
    this.scheduler = scheduler;
  }

  /** The table's own deadline, else its keyspace's, else {@code secondary-deadline}. */
  Duration forTable(String keyspace, String table) {
    if (keyspace == null) {
      return standard;
    }
    String ks = keyspace.toLowerCase(Locale.ROOT);
    Duration forTable = table == null ? null : overrides.get(ks + "." + table.toLowerCase(Locale.ROOT));
    return forTable != null ? forTable : overrides.getOrDefault(ks, standard);
  }

  /**
   * A stage that completes as {@code copy} does, or with {@code onExpiry}'s value if {@code deadline} passes
   * first. {@code copy} is neither cancelled nor changed: it keeps its in-flight slot and its own outcome.
   */
  <T> CompletionStage<T> bound(CompletionStage<T> copy, Duration deadline, Supplier<T> onExpiry) {
    CompletableFuture<T> bounded = new CompletableFuture<>();
    // whichever comes first decides, so a copy that made it just in time is not counted as expired
    AtomicBoolean decided = new AtomicBoolean();
    Runnable cancelTimer = Timers.after(scheduler, deadline.toNanos(), () -> {
      if (decided.compareAndSet(false, true)) {
        try {
          bounded.complete(onExpiry.get());
        } catch (RuntimeException e) {
          bounded.completeExceptionally(e);
        }
      }
    });
    copy.whenComplete((value, error) -> {
      cancelTimer.run();
      if (decided.compareAndSet(false, true)) {
        if (error != null) {
          bounded.completeExceptionally(error);
        } else {
          bounded.complete(value);
        }
      }
    });
    return bounded;
  }
}
