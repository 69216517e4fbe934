package io.tandem.validator.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.validator.internal.range.RowThrottle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A scheduler given to the copy runs its retries and outlives it; the default one is the copy's own. */
class RetrySchedulerTest {

  @Test
  void should_use_a_given_scheduler_and_leave_it_running() {
    ScheduledExecutorService given = Executors.newSingleThreadScheduledExecutor();
    try {
      try (RetryScheduler retries = RetryScheduler.of(given)) {
        assertThat(retries.executor()).isSameAs(given);
      }
      assertThat(given.isShutdown()).isFalse();
    } finally {
      given.shutdownNow();
    }
  }

  @Test
  void should_create_its_own_scheduler_by_default_and_shut_it_down() {
    ScheduledExecutorService own;
    try (RetryScheduler retries = RetryScheduler.of(null)) {
      own = retries.executor();
      assertThat(own.isShutdown()).isFalse();
    }
    assertThat(own.isShutdown()).isTrue();
  }

  @Test
  void should_schedule_the_retry_of_a_failed_write_on_the_given_scheduler() {
    CqlSession target = mock(CqlSession.class);
    when(target.executeAsync(any(Statement.class)))
        .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("write timed out")));
    ScheduledExecutorService given = mock(ScheduledExecutorService.class);
    try (RetryScheduler retries = RetryScheduler.of(given)) {
      TargetWriter writer = new TargetWriter(target, RowThrottle.fixed(0),
          new CopyMetrics(new SimpleMeterRegistry(), "ks.t"), retries.executor(), false);

      writer.write(SimpleStatement.newInstance("INSERT INTO ks.t (id) VALUES (1)"), 3);
    }

    verify(given).schedule(any(Runnable.class), anyLong(), eq(TimeUnit.MILLISECONDS));
    verify(given, org.mockito.Mockito.never()).shutdownNow();
    verify(given, org.mockito.Mockito.never()).shutdown();
  }
}
