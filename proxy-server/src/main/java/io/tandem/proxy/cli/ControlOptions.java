package io.tandem.proxy.cli;

import io.tandem.core.api.Side;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The migration the proxy follows in the control store, and where that store is. Every flag is optional and
 * overrides the same {@code tandem.control} setting; defaults: no migration (the state lives in this process),
 * the store in {@code tandem_control} on the source cluster, read every second.
 */
final class ControlOptions {

  @Option(names = "--migration", paramLabel = "ID", order = 70,
      description = "Follow this migration of the control store: start in its phase, apply each change within "
          + "twice the poll interval; /admin POSTs that change routing are then refused (default: none).")
  String migration;

  @Option(names = "--control-cluster", paramLabel = "source|target", order = 71,
      description = "Cluster holding the control store, reached through the proxy's own session to it "
          + "(default source).")
  Side cluster;

  @Option(names = "--control-keyspace", paramLabel = "KEYSPACE", order = 72,
      description = "Keyspace of the control store (default tandem_control).")
  String keyspace;

  @Option(names = "--control-poll-interval", paramLabel = "DURATION", converter = Converters.TimeSpan.class,
      order = 73, description = "How often the store is read and this proxy heartbeats, e.g. 1s (default 1s).")
  Duration pollInterval;

  void addTo(Overrides overrides) {
    overrides.set(Settings.MIGRATION_ID, migration);
    overrides.set(Settings.CONTROL_CLUSTER, cluster == null ? null : cluster.name());
    overrides.set(Settings.CONTROL_KEYSPACE, keyspace);
    overrides.set(Settings.CONTROL_POLL_INTERVAL, pollInterval == null ? null : pollInterval.toNanos() + "ns");
  }
}
