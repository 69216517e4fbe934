package io.tandem.driver.internal;

import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.concurrent.CompletableFuture;

/** Mocked sessions for failure-path unit tests: a context deep enough for the engine, a real close future. */
final class MockSessions {

  private MockSessions() {}

  static CqlSession session(String name, CompletableFuture<Void> closeFuture) {
    CqlSession session = mock(CqlSession.class, RETURNS_DEEP_STUBS);
    when(session.getName()).thenReturn(name);
    when(session.closeFuture()).thenReturn(closeFuture);
    when(session.closeAsync()).thenAnswer(invocation -> {
      closeFuture.complete(null);
      return closeFuture;
    });
    return session;
  }
}
