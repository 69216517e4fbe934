package io.tandem.core.internal.mirror;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.LoginSessions;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The {@link WriteExecutors} of an engine: the side's {@link LoginSessions} picks the
 * driver session, and each session gets one executor (with its own prepared-statement cache), dropped when
 * the session is no longer referenced.
 */
public final class LoginWriteExecutors implements WriteExecutors {

  private final Map<Side, LoginSessions> sessions;
  private final ConsistencyLevel consistencyOverride;
  private final int preparedCacheSize;
  private final Cache<CqlSession, SessionWriteExecutor> executors = Caffeine.newBuilder().weakKeys().build();

  /**
   * @param consistencyOverride used instead of a command's consistency when not null
   * @param preparedCacheSize most prepared statements kept per session
   */
  public LoginWriteExecutors(Map<Side, LoginSessions> sessions, ConsistencyLevel consistencyOverride,
      int preparedCacheSize) {
    this.sessions = new EnumMap<>(sessions);
    for (Side side : Side.values()) {
      if (!this.sessions.containsKey(side)) {
        throw new IllegalArgumentException("No sessions for the " + side.name().toLowerCase() + " cluster");
      }
    }
    this.consistencyOverride = consistencyOverride;
    this.preparedCacheSize = preparedCacheSize;
  }

  @Override
  public CompletionStage<SessionWriteExecutor> forLogin(Side side, String login) {
    return sessions.get(side).sessionFor(login).thenApply(this::executorOf);
  }

  private SessionWriteExecutor executorOf(CqlSession session) {
    return executors.get(session, key -> new SessionWriteExecutor(key, consistencyOverride, preparedCacheSize));
  }
}
