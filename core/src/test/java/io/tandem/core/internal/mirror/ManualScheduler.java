package io.tandem.core.internal.mirror;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A scheduler whose timers fire only when a test says so, and that remembers their delays. */
final class ManualScheduler {

  final ScheduledExecutorService executor = mock(ScheduledExecutorService.class);
  final List<Runnable> timers = new ArrayList<>();
  final List<Duration> delays = new ArrayList<>();
  final List<ScheduledFuture<?>> futures = new ArrayList<>();

  ManualScheduler() {
    when(executor.schedule(any(Runnable.class), anyLong(), any(TimeUnit.class))).thenAnswer(call -> {
      timers.add(call.getArgument(0));
      delays.add(Duration.ofNanos(((TimeUnit) call.getArgument(2)).toNanos(call.getArgument(1))));
      ScheduledFuture<?> future = mock(ScheduledFuture.class);
      futures.add(future);
      return future;
    });
  }

  /** Fires every timer scheduled so far, as if their delays had passed. */
  void fireAll() {
    List.copyOf(timers).forEach(Runnable::run);
  }
}
