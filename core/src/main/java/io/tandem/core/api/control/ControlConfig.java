package io.tandem.core.api.control;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tandem.core.api.Side;
import io.tandem.core.api.config.ControlOption;
import io.tandem.core.api.config.TandemOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Every setting of the control plane; defaults and documentation in {@link ControlOption} and core's {@code
 * reference.conf} ({@code tandem.control}).
 *
 * @param migrationId the migration an instance follows, or {@code null} (default) for none
 * @param keyspace default {@code tandem_control}
 * @param replication the keyspace's replication map in CQL, or {@code null} (default) for SimpleStrategy with
 *     factor min(3, nodes)
 * @param cluster where an instance finds the store when given no session for it; default {@code SOURCE}
 * @param pollInterval default 1 s; changes are applied within twice this
 * @param staleAfter default 10 s
 * @param forgetAfter default 10 min
 * @param maxShadowDivergence default 0.001 (0.1 % of shadow reads)
 */
public record ControlConfig(String migrationId, String keyspace, String replication, Side cluster,
    Duration pollInterval, Duration staleAfter, Duration forgetAfter, double maxShadowDivergence) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.:-]{0,99}");
  private static final Pattern KEYSPACE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");

  public ControlConfig {
    if (migrationId != null && migrationId.isBlank()) {
      migrationId = null;
    }
    if (migrationId != null) {
      requireMigrationId(migrationId);
    }
    Objects.requireNonNull(keyspace, "keyspace");
    if (!KEYSPACE_NAME.matcher(keyspace).matches()) {
      throw new IllegalArgumentException("tandem.control.keyspace '" + keyspace + "' is not a keyspace name: "
          + "a letter, then letters, digits or _ (48 at most)");
    }
    if (replication != null && replication.isBlank()) {
      replication = null;
    }
    Objects.requireNonNull(cluster, "cluster");
    requirePositive(pollInterval, "poll-interval");
    requirePositive(staleAfter, "stale-after");
    requirePositive(forgetAfter, "forget-after");
    if (maxShadowDivergence < 0 || maxShadowDivergence > 1) {
      throw new IllegalArgumentException(
          "tandem.control.max-shadow-divergence must be between 0 and 1, not " + maxShadowDivergence);
    }
  }

  /** The defaults of {@link ControlOption}. */
  public static ControlConfig defaults() {
    return from(ConfigFactory.empty());
  }

  /**
   * Reads {@code tandem.control} of a HOCON config, falling back on core's {@code reference.conf}.
   *
   * @throws IllegalArgumentException or {@link com.typesafe.config.ConfigException} naming a wrong setting
   */
  public static ControlConfig from(Config config) {
    Config section = config.withFallback(TandemOption.defaults(ControlOption.values())).getConfig("tandem.control");
    String cluster = section.getString("cluster").trim().toUpperCase(Locale.ROOT);
    if (!cluster.equals("SOURCE") && !cluster.equals("TARGET")) {
      throw new IllegalArgumentException(
          "tandem.control.cluster must be SOURCE or TARGET, not '" + section.getString("cluster") + "'");
    }
    return new ControlConfig(section.getString("migration-id"), section.getString("keyspace"),
        section.getString("replication"), Side.valueOf(cluster), section.getDuration("poll-interval"),
        section.getDuration("stale-after"), section.getDuration("forget-after"),
        section.getDouble("max-shadow-divergence"));
  }

  /** This configuration following {@code id}. */
  public ControlConfig withMigrationId(String id) {
    return new ControlConfig(id, keyspace, replication, cluster, pollInterval, staleAfter, forgetAfter,
        maxShadowDivergence);
  }

  public ControlConfig withKeyspace(String name) {
    return new ControlConfig(migrationId, name, replication, cluster, pollInterval, staleAfter, forgetAfter,
        maxShadowDivergence);
  }

  public ControlConfig withPollInterval(Duration interval) {
    return new ControlConfig(migrationId, keyspace, replication, cluster, interval, staleAfter, forgetAfter,
        maxShadowDivergence);
  }

  public ControlConfig withStaleAfter(Duration after) {
    return new ControlConfig(migrationId, keyspace, replication, cluster, pollInterval, after, forgetAfter,
        maxShadowDivergence);
  }

  /**
   * Checks a migration id: letters, digits, {@code _ . : -}, at most 100 characters.
   *
   * @throws IllegalArgumentException saying what is allowed
   */
  public static String requireMigrationId(String id) {
    if (id == null || !NAME.matcher(id).matches()) {
      throw new IllegalArgumentException("Migration id '" + id + "' is not valid: use letters, digits and "
          + "_ . : - (at most 100 characters), e.g. orders-2026");
    }
    return id;
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("tandem.control." + name + " must be a positive duration, not " + value);
    }
  }
}
