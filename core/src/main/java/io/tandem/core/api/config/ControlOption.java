package io.tandem.core.api.config;

/**
 * Every {@code tandem.control} setting (core's {@code reference.conf}): how an instance finds and follows a
 * migration in the control store, and how the gates judge the fleet. {@code ControlConfig.builder()} starts
 * from these defaults.
 */
public enum ControlOption implements TandemOption {
  MIGRATION_ID("migration-id", OptionType.STRING, "\"\"",
      "The migration this instance follows; empty: none, the state is per process as without a control plane."),
  KEYSPACE("keyspace", OptionType.STRING, "\"tandem_control\"", "Keyspace of the control store."),
  REPLICATION("replication", OptionType.STRING, "\"\"",
      "Replication of the control keyspace when it is created; empty: SimpleStrategy, factor min(3, nodes)."),
  CLUSTER("cluster", OptionType.ENUM, "SOURCE",
      "Which cluster an instance finds the control store on when not given a session for it: SOURCE or TARGET."),
  POLL_INTERVAL("poll-interval", OptionType.DURATION, "1 second",
      "How often an instance reads the store and heartbeats; a change is applied within twice this."),
  STALE_AFTER("stale-after", OptionType.DURATION, "10 seconds",
      "An instance whose last heartbeat is older than this counts as stale."),
  FORGET_AFTER("forget-after", OptionType.DURATION, "10 minutes",
      "An instance silent for longer than this is listed as gone and no longer holds the gates."),
  MAX_SHADOW_DIVERGENCE("max-shadow-divergence", OptionType.DOUBLE, "0.001",
      "Largest share of shadow reads that may differ before reads move to the target.");

  private final OptionSpec spec;

  ControlOption(String key, OptionType type, String defaultValue, String description) {
    this.spec = OptionSpec.of("tandem.control", key, type, defaultValue, description);
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
