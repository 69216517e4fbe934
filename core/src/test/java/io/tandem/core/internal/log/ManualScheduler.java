package io.tandem.core.internal.log;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} whose one-shot tasks run only when a test says so: {@link #delays()}
 * shows what is scheduled, {@link #runAll()} runs it. {@link #shutDown()} makes it reject new tasks.
 */
final class ManualScheduler {

  private record Task(Runnable runnable, long delayMillis) {}

  private final List<Task> tasks = new ArrayList<>();
  private final ScheduledExecutorService service = mock(ScheduledExecutorService.class);
  private boolean shutDown;

  ManualScheduler() {
    when(service.schedule(any(Runnable.class), anyLong(), any(TimeUnit.class))).thenAnswer(invocation -> {
      if (shutDown) {
        throw new RejectedExecutionException("shut down");
      }
      TimeUnit unit = invocation.getArgument(2);
      Task task = new Task(invocation.getArgument(0), unit.toMillis(invocation.getArgument(1)));
      tasks.add(task);
      ScheduledFuture<?> future = mock(ScheduledFuture.class);
      when(future.cancel(anyBoolean())).thenAnswer(cancel -> tasks.remove(task));
      return future;
    });
  }

  ScheduledExecutorService service() {
    return service;
  }

  /** The delays of the tasks scheduled and not yet run nor cancelled, in milliseconds. */
  List<Long> delays() {
    return tasks.stream().map(Task::delayMillis).toList();
  }

  /** Runs the tasks scheduled so far (not those they schedule). */
  void runAll() {
    List<Task> due = new ArrayList<>(tasks);
    tasks.clear();
    due.forEach(task -> task.runnable().run());
  }

  void shutDown() {
    shutDown = true;
  }
}
