package io.tandem.validator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SourceAndTargetSessionsTest {

  private final CqlSession source = mock(CqlSession.class);
  private final CqlSession target = mock(CqlSession.class);
  private final CompletableFuture<Void> sourceClosed = new CompletableFuture<>();
  private final CompletableFuture<Void> targetClosed = new CompletableFuture<>();

  @Test
  void should_close_both_sessions_at_once_and_wait_for_both() throws Exception {
    when(source.closeAsync()).thenReturn(sourceClosed);
    when(target.closeAsync()).thenReturn(targetClosed);
    CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> new SourceAndTargetSessions(source, target).close());

    // the target's close starts while the source's is still under way
    verify(source, timeout(5_000)).closeAsync();
    verify(target, timeout(5_000)).closeAsync();
    sourceClosed.complete(null);
    Thread.sleep(100);
    assertThat(closing).isNotDone();
    targetClosed.complete(null);

    closing.get(5, TimeUnit.SECONDS);
  }
}
