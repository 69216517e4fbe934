package io.tandem.proxy.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The migration the proxy follows in the control store, and where that store is. Every flag is optional and
 * overrides the same {@code tandem.control} setting; defaults: no migration (the state lives in this process),
 * the store in {@code tandem_control} on the source cluster, read every second. {@code --control-cluster} also
 * takes the contact points of a third cluster (settings under {@code tandem.proxy.control}).
 */
final class ControlOptions {

  @Option(names = "--migration", paramLabel = "ID", order = 70,
      description = "Follow this migration of the control store: start in its phase, apply each change within "
          + "twice the poll interval; /admin POSTs that change routing are then refused (default: none).")
  String migration;

  @Option(names = "--control-cluster", paramLabel = "source|target|HOST[:PORT],...", order = 71,
      description = "Cluster holding the control store, reached through the proxy's own session to it: source, "
          + "target, or the contact points of a third cluster (port default 9042). Default source.")
  String cluster;

  @Option(names = "--control-keyspace", paramLabel = "KEYSPACE", order = 72,
      description = "Keyspace of the control store (default tandem_control).")
  String keyspace;

  @Option(names = "--control-poll-interval", paramLabel = "DURATION", converter = Converters.TimeSpan.class,
      order = 73, description = "How often the store is read and this proxy heartbeats, e.g. 1s (default 1s).")
  Duration pollInterval;

  @Option(names = "--control-datacenter", paramLabel = "DC", order = 74,
      description = "Local data center of a third control cluster (default: --source-datacenter's).")
  String datacenter;

  @Option(names = "--control-username", paramLabel = "USER", order = 75,
      description = "User the proxy logs in as on a third control cluster (default: none).")
  String username;

  @Option(names = "--control-password", paramLabel = "PASSWORD", order = 76,
      description = "That user's password (or set TANDEM_CONTROL_PASSWORD). Give both or neither.")
  String password;

  @Option(names = "--control-tls", arity = "0..1", fallbackValue = "true", paramLabel = "true|false", order = 77,
      description = "TLS to a third control cluster, trusting the JDK's truststore. Default: plain TCP.")
  Boolean tls;

  void addTo(Overrides overrides) {
    overrides.set(Settings.MIGRATION_ID, migration);
    if (isSide(cluster)) {
      overrides.set(Settings.CONTROL_CLUSTER, cluster.trim().toUpperCase(Locale.ROOT));
    } else {
      overrides.set(Settings.CONTROL_CONTACT_POINTS, cluster);
    }
    overrides.set(Settings.CONTROL_KEYSPACE, keyspace);
    overrides.set(Settings.CONTROL_POLL_INTERVAL, pollInterval == null ? null : pollInterval.toNanos() + "ns");
    overrides.set(Settings.CONTROL_DATACENTER, datacenter);
    overrides.set(Settings.CONTROL_USERNAME, username);
    overrides.set(Settings.CONTROL_PASSWORD, password);
    overrides.set(Settings.CONTROL_TLS, tls);
  }

  private static boolean isSide(String value) {
    return value != null && (value.trim().equalsIgnoreCase("source") || value.trim().equalsIgnoreCase("target"));
  }
}
