package io.tandem.proxy.internal.server;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import io.tandem.proxy.api.ClusterEndpoint;
import java.time.Duration;

/**
 * Opens the proxy's own driver session to a cluster: the core engine mirrors writes through it (pooling,
 * token-aware routing, retries) and the proxy learns the cluster's nodes from it.
 */
final class ClusterSessions {

  private ClusterSessions() {}

  static CqlSession open(ClusterEndpoint endpoint, Duration requestTimeout) {
    ProgrammaticDriverConfigLoaderBuilder config = DriverConfigLoader.programmaticBuilder()
        .withString(DefaultDriverOption.SESSION_NAME, "tandem-proxy-" + endpoint.name())
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
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
    if (endpoint.hasCredentials()) {
      builder.withAuthCredentials(endpoint.username(), endpoint.password());
    }
    if (endpoint.tls()) {
      builder.withSslEngineFactory(new ProgrammaticSslEngineFactory(SecurityContexts.sslContextFor(endpoint), null,
          endpoint.verifyHostname()));
    }
    try {
      return builder.build();
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot connect to the " + endpoint.name() + " cluster at "
          + endpoint.contactPoints() + ": " + e.getMessage() + (endpoint.tls() ? "" : " (TLS is off for it)"), e);
    }
  }
}
