package io.tandem.cli.control;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.MigrationException;
import java.net.InetSocketAddress;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/**
 * How to reach the control store, shared by {@code tandem migrate ...} (where {@code --control} is required) and
 * {@code copy} / {@code validate --migration} (where it defaults to the source cluster). The password can come
 * from {@code TANDEM_CONTROL_PASSWORD} so it stays out of shell history; it is never logged.
 */
public final class ControlConnectionOptions {

  @Option(names = "--control", paramLabel = "HOST[:PORT][,HOST...]",
      description = "Contact points of the cluster holding the control store (port default 9042). Required by "
          + "migrate; copy and validate default to the source cluster.")
  String contactPoints;

  @Option(names = "--control-datacenter", paramLabel = "DC", defaultValue = "datacenter1",
      description = "Local data center of the control cluster (default ${DEFAULT-VALUE}).")
  String datacenter;

  @Option(names = "--control-username", paramLabel = "USER",
      description = "Control cluster user (default: no authentication).")
  String username;

  @Option(names = "--control-password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
      description = "Control cluster password (or set TANDEM_CONTROL_PASSWORD; given without a value: asked for).")
  String password;

  @Option(names = "--control-tls", description = "TLS to the control cluster, trusting the JVM's trust store.")
  boolean tls;

  @Option(names = "--control-keyspace", paramLabel = "KEYSPACE", defaultValue = "tandem_control",
      description = "Keyspace of the control store (default ${DEFAULT-VALUE}).")
  String keyspace;

  private final ControlPlaneFactory planes;

  public ControlConnectionOptions() {
    this(ControlPlaneFactory.cassandra());
  }

  public ControlConnectionOptions(ControlPlaneFactory planes) {
    this.planes = planes;
  }

  /**
   * The control plane on the cluster {@code --control} names; {@code replication} (or {@code null}) is used if
   * the keyspace has to be created.
   *
   * @throws IllegalArgumentException when {@code --control} is missing
   */
  public ControlPlane open(String replication) {
    if (contactPoints == null || contactPoints.isBlank()) {
      throw new IllegalArgumentException("--control HOST[:PORT] is required: the cluster that holds the control "
          + "store (keyspace " + keyspace + ")");
    }
    return planes.connect(this, config(replication));
  }

  /** The control plane on the cluster {@code --control} names, or else over {@code fallback} (the source). */
  public ControlPlane openOr(CqlSession fallback) {
    return contactPoints == null || contactPoints.isBlank() ? planes.over(fallback, config(null)) : open(null);
  }

  /** Where the store is, for messages. */
  public String describe() {
    return "keyspace " + keyspace + (contactPoints == null ? " on the source cluster" : " on " + contactPoints);
  }

  ControlConfig config(String replication) {
    ControlConfig defaults = ControlConfig.defaults();
    return new ControlConfig(null, keyspace, replication, defaults.cluster(), defaults.pollInterval(),
        defaults.staleAfter(), defaults.forgetAfter(), defaults.maxShadowDivergence());
  }

  /** A session to the control cluster; {@code STORE_UNAVAILABLE} when it cannot be reached. */
  CqlSession connect() {
    CqlSessionBuilder builder = CqlSession.builder()
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withString(DefaultDriverOption.SESSION_NAME, "tandem-control")
            .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(30))
            .build())
        .withLocalDatacenter(datacenter);
    for (String contactPoint : contactPoints.split(",")) {
      builder.addContactPoint(address(contactPoint.trim()));
    }
    if (username != null) {
      String secret = password != null ? password : System.getenv("TANDEM_CONTROL_PASSWORD");
      builder.withAuthCredentials(username, secret == null ? "" : secret);
    }
    if (tls) {
      builder.withSslContext(defaultTls());
    }
    try {
      return builder.build();
    } catch (RuntimeException e) {
      throw new MigrationException(MigrationException.Reason.STORE_UNAVAILABLE, "Cannot reach the control store at "
          + contactPoints + " (data center " + datacenter + "): " + e.getMessage() + ". Check --control, "
          + "--control-datacenter and the credentials.", e);
    }
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("This JVM has no default TLS context", e);
    }
  }

  static InetSocketAddress address(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    if (colon > 0 && hostAndPort.indexOf(':') == colon) {
      try {
        return new InetSocketAddress(hostAndPort.substring(0, colon),
            Integer.parseInt(hostAndPort.substring(colon + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Not a port in '" + hostAndPort + "': use HOST or HOST:PORT");
      }
    }
    return new InetSocketAddress(hostAndPort, 9042);
  }
}
