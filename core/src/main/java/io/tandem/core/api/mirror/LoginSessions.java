package io.tandem.core.api.mirror;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The driver sessions through which the engine writes to one cluster, chosen by the login a command carries
 * ({@link io.tandem.core.api.mirror.WriteCommand#login()}). Most front doors have one session per cluster
 * and give the engine {@link #of(CqlSession)}; the proxy, when no credentials are configured for a cluster,
 * logs in to it with each client's own credentials and implements this interface with one session per login.
 *
 * <p>When no session can be had for a login now (its credentials are not known, the cluster refused them),
 * the stage fails with {@link NoSessionForLoginException}: a mirrored write is then logged and replayed later,
 * once a session can be had; meanwhile replay runs go on with the entries of other logins. Any other failure
 * stops a replay run as an unreachable cluster does.
 */
@FunctionalInterface
public interface LoginSessions {

  /** Always the given session, whatever the login. */
  static LoginSessions of(CqlSession session) {
    Objects.requireNonNull(session, "session");
    CompletableFuture<CqlSession> always = CompletableFuture.completedFuture(session);
    return login -> always;
  }

  /**
   * The session for a login.
   *
   * @param login the command's login, or {@code null} for commands made without one (the engine's own
   *     statements, writes of clients that did not authenticate)
   */
  CompletionStage<CqlSession> sessionFor(String login);
}
