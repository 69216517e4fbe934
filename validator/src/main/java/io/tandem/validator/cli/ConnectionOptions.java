package io.tandem.validator.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/**
 * How to reach the source and the target cluster, shared by every subcommand. Passwords can also come from
 * the environment ({@code TANDEM_SOURCE_PASSWORD}, {@code TANDEM_TARGET_PASSWORD}) so they stay out of shell
 * history; they are never logged.
 */
public final class ConnectionOptions {

  @Option(names = "--source", required = true, paramLabel = "HOST[:PORT][,HOST...]",
      description = "Contact points of the source cluster (port default 9042).")
  String source;

  @Option(names = "--target", required = true, paramLabel = "HOST[:PORT][,HOST...]",
      description = "Contact points of the target cluster (port default 9042).")
  String target;

  @Option(names = "--source-datacenter", paramLabel = "DC", defaultValue = "datacenter1",
      description = "Local data center of the source (default ${DEFAULT-VALUE}).")
  String sourceDatacenter;

  @Option(names = "--target-datacenter", paramLabel = "DC",
      description = "Local data center of the target (default: --source-datacenter).")
  String targetDatacenter;

  @Option(names = "--source-username", paramLabel = "USER", description = "Source user (default: no authentication).")
  String sourceUsername;

  @Option(names = "--source-password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
      description = "Source password (or set TANDEM_SOURCE_PASSWORD; given without a value: asked for).")
  String sourcePassword;

  @Option(names = "--target-username", paramLabel = "USER", description = "Target user (default: no authentication).")
  String targetUsername;

  @Option(names = "--target-password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
      description = "Target password (or set TANDEM_TARGET_PASSWORD; given without a value: asked for).")
  String targetPassword;

  @Option(names = "--source-tls", description = "TLS to the source, trusting the JVM's trust store "
      + "(-Djavax.net.ssl.trustStore=...).")
  boolean sourceTls;

  @Option(names = "--target-tls", description = "TLS to the target, trusting the JVM's trust store.")
  boolean targetTls;

  @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "PT30S",
      description = "Timeout of each request, ISO-8601 (default ${DEFAULT-VALUE}).")
  Duration requestTimeout;

  /** Connects to both clusters; closing the result closes both sessions in parallel. */
  SourceAndTargetSessions open() {
    CqlSession sourceSession = openSource();
    try {
      return new SourceAndTargetSessions(sourceSession, openTarget());
    } catch (RuntimeException e) {
      sourceSession.close();
      throw e;
    }
  }

  private CqlSession openSource() {
    return open("tandem-source", source, sourceDatacenter, sourceUsername,
        password(sourcePassword, "TANDEM_SOURCE_PASSWORD"), sourceTls);
  }

  private CqlSession openTarget() {
    return open("tandem-target", target, targetDatacenter != null ? targetDatacenter : sourceDatacenter,
        targetUsername, password(targetPassword, "TANDEM_TARGET_PASSWORD"), targetTls);
  }

  private CqlSession open(String name, String contactPoints, String datacenter, String username, String password,
      boolean tls) {
    CqlSessionBuilder builder = CqlSession.builder()
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withString(DefaultDriverOption.SESSION_NAME, name)
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, requestTimeout)
            .build())
        .withLocalDatacenter(datacenter);
    for (String contactPoint : contactPoints.split(",")) {
      builder.addContactPoint(address(contactPoint.trim()));
    }
    if (username != null) {
      builder.withAuthCredentials(username, password == null ? "" : password);
    }
    if (tls) {
      try {
        builder.withSslContext(SSLContext.getDefault());
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("This JVM has no default TLS context", e);
      }
    }
    try {
      return builder.build();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Cannot connect to " + contactPoints + " (" + name + ", data center "
          + datacenter + "): " + e.getMessage() + ". Check the address, port, data center and credentials.", e);
    }
  }

  private static String password(String given, String environmentVariable) {
    return given != null ? given : System.getenv(environmentVariable);
  }

  static InetSocketAddress address(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    if (colon > 0 && hostAndPort.indexOf(':') == colon) {
      try {
        return new InetSocketAddress(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Not a port in '" + hostAndPort + "': use HOST or HOST:PORT");
      }
    }
    return new InetSocketAddress(hostAndPort, 9042);
  }
}
