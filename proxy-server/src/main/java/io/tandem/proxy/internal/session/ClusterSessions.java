package io.tandem.proxy.internal.session;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.core.api.mirror.LoginSessions;
import io.tandem.proxy.api.ClusterEndpoint;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's own driver sessions to one cluster, through which the core engine mirrors writes. With
 * credentials configured for the cluster, or when it asks for none, one session opened at start serves every
 * write. Otherwise (as Azure's cassandra-proxy does) each client's writes go through a session logged in with
 * the credentials that client gave the primary cluster: one per user, opened when the primary accepted the
 * login, bounded by {@code max-login-sessions}, never logged.
 */
public final class ClusterSessions implements LoginSessions, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterSessions.class);

  private final CqlSession shared;
  private final CompletableFuture<CqlSession> sharedStage;
  private final PerLoginSessions perLogin;

  private ClusterSessions(CqlSession shared, PerLoginSessions perLogin) {
    this.shared = shared;
    this.sharedStage = shared == null ? null : CompletableFuture.completedFuture(shared);
    this.perLogin = perLogin;
  }

  /**
   * Connects to the cluster: the shared session, or — when the cluster requires authentication and no
   * credentials are configured — nothing yet (sessions per login follow the clients' logins).
   *
   * @throws IllegalStateException naming the cluster when it cannot be reached
   */
  public static ClusterSessions open(ClusterEndpoint endpoint, Duration requestTimeout, int maxLoginSessions) {
    // both clusters' sessions, one per user each at most, and the shared ones
    SessionOpener opener = new SessionOpener(endpoint, requestTimeout, 2 * maxLoginSessions + 4);
    try {
      return new ClusterSessions(opener.open(), null);
    } catch (SessionOpener.AuthenticationRequiredException e) {
      LOG.info("The {} cluster requires authentication and no --{}-username is given: writes are mirrored to it "
          + "with each client's own credentials (a session per user, at most {})", endpoint.name(), endpoint.name(),
          maxLoginSessions);
      return new ClusterSessions(null, new PerLoginSessions(endpoint.name(), opener::openAs, maxLoginSessions,
          System::nanoTime, PerLoginSessions.OPENING_WAIT));
    }
  }

  /**
   * A single session of the proxy's own to a cluster that is not mirrored to (a third cluster holding the control
   * store), logged in with the endpoint's credentials if any; the caller closes it.
   *
   * @param sessionLeakThreshold how many driver sessions the JVM may hold before the driver warns of a leak
   * @throws IllegalStateException naming the cluster when it cannot be reached or asks for credentials not given
   */
  public static CqlSession openSingle(ClusterEndpoint endpoint, Duration requestTimeout, int sessionLeakThreshold) {
    try {
      return new SessionOpener(endpoint, requestTimeout, sessionLeakThreshold).open();
    } catch (SessionOpener.AuthenticationRequiredException e) {
      throw new IllegalStateException("the " + endpoint.name() + " cluster at " + endpoint.contactPoints()
          + " requires authentication: give --" + endpoint.name() + "-username and --" + endpoint.name()
          + "-password", e);
    }
  }

  /** Whether writes go through a session per client login (no credentials configured, authentication required). */
  public boolean perLogin() {
    return perLogin != null;
  }

  /** A session that is open now, for what any login will do (node discovery, health); empty before any login. */
  public Optional<CqlSession> anySession() {
    return shared != null ? Optional.of(shared) : perLogin.anyOpen();
  }

  /** A client's login was accepted by the primary cluster. */
  public void loggedIn(ClientCredentials credentials) {
    if (perLogin != null) {
      perLogin.loggedIn(credentials);
    }
  }

  @Override
  public CompletionStage<CqlSession> sessionFor(String login) {
    return shared != null ? sharedStage : perLogin.sessionFor(login);
  }

  @Override
  public void close() {
    if (shared != null) {
      shared.close();
    } else {
      perLogin.close();
    }
  }
}
