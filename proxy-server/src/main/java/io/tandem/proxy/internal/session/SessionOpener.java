package io.tandem.proxy.internal.session;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.internal.server.SecurityContexts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Opens one of the proxy's own driver sessions to a cluster: the core engine mirrors writes through them
 * (pooling, token-aware routing, retries) and the proxy learns the cluster's nodes from them.
 */
final class SessionOpener {

  private final ClusterEndpoint endpoint;
  private final Duration requestTimeout;
  private final int sessionLeakThreshold;

  /**
   * @param sessionLeakThreshold how many driver sessions the JVM may hold before the driver warns of a leak: the
   *     proxy holds up to one per user and cluster (the driver's default, 4, would warn from the third user on)
   */
  SessionOpener(ClusterEndpoint endpoint, Duration requestTimeout, int sessionLeakThreshold) {
    this.endpoint = endpoint;
    this.requestTimeout = requestTimeout;
    this.sessionLeakThreshold = sessionLeakThreshold;
  }

  ClusterEndpoint endpoint() {
    return endpoint;
  }

  /**
   * A session logged in with the endpoint's configured credentials, if any.
   *
   * @throws IllegalStateException naming the cluster when it cannot be reached
   * @throws AuthenticationRequiredException when the cluster asks for credentials and none are configured
   */
  CqlSession open() {
    try {
      return builder(endpoint.name(), null).build();
    } catch (AllNodesFailedException e) {
      if (!endpoint.hasCredentials() && requiresAuthentication(e)) {
        throw new AuthenticationRequiredException(e);
      }
      throw cannotConnect(e);
    } catch (RuntimeException e) {
      throw cannotConnect(e);
    }
  }

  /**
   * A session logged in with a client's credentials; {@code name} tells it apart in the driver's logs. Built off
   * the caller's thread (an event loop): the driver loads its configuration before it goes asynchronous.
   */
  CompletionStage<CqlSession> openAs(ClientCredentials credentials, String name) {
    return CompletableFuture.supplyAsync(() -> builder(name, credentials).buildAsync())
        .thenCompose(opening -> opening);
  }

  private CqlSessionBuilder builder(String name, ClientCredentials credentials) {
    ProgrammaticDriverConfigLoaderBuilder config = DriverConfigLoader.programmaticBuilder()
        .withString(DefaultDriverOption.SESSION_NAME, "tandem-proxy-" + name)
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
        .withInt(DefaultDriverOption.SESSION_LEAK_THRESHOLD, sessionLeakThreshold)
        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, Duration.ofSeconds(10));
    if (endpoint.localDatacenter() == null) {
      config.withString(DefaultDriverOption.LOAD_BALANCING_POLICY_CLASS, "DcInferringLoadBalancingPolicy");
    }
    CqlSessionBuilder builder = CqlSession.builder().withConfigLoader(config.build())
        .addContactPoints(endpoint.contactPoints());
    if (endpoint.localDatacenter() != null) {
      builder.withLocalDatacenter(endpoint.localDatacenter());
    }
    if (credentials != null) {
      builder.withAuthCredentials(credentials.username(), credentials.password());
    } else if (endpoint.hasCredentials()) {
      builder.withAuthCredentials(endpoint.username(), endpoint.password());
    }
    if (endpoint.tls()) {
      builder.withSslEngineFactory(new ProgrammaticSslEngineFactory(SecurityContexts.sslContextFor(endpoint), null,
          endpoint.verifyHostname()));
    }
    return builder;
  }

  private IllegalStateException cannotConnect(RuntimeException e) {
    return new IllegalStateException("Cannot connect to the " + endpoint.name() + " cluster at "
        + endpoint.contactPoints() + ": " + reason(e) + (endpoint.tls() ? "" : " (TLS is off for it)"), e);
  }

  /** Why a session could not be opened: the first node's error rather than the driver's generic summary. */
  static String reason(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof AllNodesFailedException allFailed) {
      return allFailed.getAllErrors().values().stream().flatMap(List::stream).findFirst()
          .map(Throwable::getMessage).orElse(cause.getMessage());
    }
    return cause.getMessage();
  }

  private static boolean requiresAuthentication(AllNodesFailedException e) {
    return e.getAllErrors().values().stream().flatMap(List::stream)
        .anyMatch(error -> error instanceof AuthenticationException);
  }

  /** The cluster asked for credentials and the proxy has none configured for it. */
  static final class AuthenticationRequiredException extends RuntimeException {
    AuthenticationRequiredException(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }
}
