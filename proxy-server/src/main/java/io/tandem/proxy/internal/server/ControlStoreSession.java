package io.tandem.proxy.internal.server;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.core.api.Side;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.internal.session.ClusterSessions;
import java.util.Locale;
import java.util.Map;

/**
 * The session the proxy's control store lives on, where that is (for messages), and whether the proxy opened it
 * (and so closes it, after the follower). In order of precedence: the session given to the proxy's builder, a
 * session of its own to a third cluster ({@link ProxyConfig#controlEndpoint()}), or its session to the source or
 * the target.
 *
 * @param session the session, or {@code null} when the proxy has none of its own to that cluster (it asks for
 *     authentication and no credentials are configured)
 * @param where e.g. {@code "the source cluster"}, for error messages
 * @param owned whether closing the proxy closes the session
 */
record ControlStoreSession(CqlSession session, String where, boolean owned) implements AutoCloseable {

  static ControlStoreSession choose(ProxyConfig config, Map<Side, ClusterSessions> sessions, CqlSession given,
      int sessionLeakThreshold) {
    if (given != null) {
      return new ControlStoreSession(given, "the session given to the proxy", false);
    }
    ClusterEndpoint third = config.controlEndpoint();
    if (third != null) {
      String where = "the control cluster at " + third.contactPoints();
      return new ControlStoreSession(ClusterSessions.openSingle(third, config.requestTimeout(), sessionLeakThreshold),
          where, true);
    }
    Side side = config.control().cluster();
    return new ControlStoreSession(sessions.get(side).anySession().orElse(null),
        "the " + side.name().toLowerCase(Locale.ROOT) + " cluster", false);
  }

  /** Closes the session if the proxy opened it. */
  @Override
  public void close() {
    if (owned) {
      session.close();
    }
  }
}
