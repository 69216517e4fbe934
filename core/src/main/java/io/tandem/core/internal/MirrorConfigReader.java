package io.tandem.core.internal;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import io.tandem.core.api.mirror.BackpressurePolicy;
import io.tandem.core.api.mirror.LwtCopyMode;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.mirror.SchemaChangePolicy;
import io.tandem.core.api.mirror.TargetFailurePolicy;
import io.tandem.core.api.replay.FsyncPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code tandem.mirror} section of a HOCON config, falling back on core's {@code reference.conf}
 * for anything missing. A wrong value fails with the setting's path and the accepted values.
 */
public final class MirrorConfigReader {

  private static final String ROOT = "tandem.mirror";

  private MirrorConfigReader() {}

  public static MirrorConfig read(Config config) {
    Config section =
        config.withFallback(ConfigFactory.defaultReference(MirrorConfigReader.class.getClassLoader()))
            .getConfig(ROOT);
    try {
      MirrorConfig.Builder builder =
          MirrorConfig.builder()
              .defaultMode(enumValue(section, "mode", MirrorMode.class))
              .tableModes(tableModes(section))
              .primaryOnlyStatements(pattern(section, "primary-only-statements"))
              .targetFailurePolicy(enumValue(section, "target-failure-policy", TargetFailurePolicy.class))
              .maxInFlight(section.getInt("max-in-flight"))
              .backpressurePolicy(enumValue(section, "backpressure.policy", BackpressurePolicy.class))
              .backpressureMaxWait(section.getDuration("backpressure.max-wait"))
              .injectTimestamps(section.getBoolean("inject-timestamps"))
              .rewriteNonDeterministicFunctions(section.getBoolean("rewrite-non-deterministic-functions"))
              .schemaChanges(enumValue(section, "schema-changes", SchemaChangePolicy.class))
              .preparedCacheSize(section.getInt("prepared-cache-size"))
              .retryMaxAttempts(section.getInt("retry.max-attempts"))
              .retryInitialBackoff(section.getDuration("retry.initial-backoff"))
              .breakerFailureRateThreshold((float) section.getDouble("circuit-breaker.failure-rate-threshold"))
              .breakerSlidingWindowSize(section.getInt("circuit-breaker.sliding-window-size"))
              .breakerMinimumCalls(section.getInt("circuit-breaker.minimum-calls"))
              .breakerOpenDuration(section.getDuration("circuit-breaker.open-duration"))
              .failedWriteDirectory(Path.of(section.getString("failed-write-log.directory")))
              .fsyncPolicy(enumValue(section, "failed-write-log.fsync-policy", FsyncPolicy.class))
              .fsyncInterval(section.getDuration("failed-write-log.fsync-interval"))
              .maxSegmentBytes(section.getBytes("failed-write-log.max-segment-size"))
              .replayInterval(section.getDuration("replay.interval"))
              .replayBatchSize(section.getInt("replay.batch-size"))
              .secondaryDeadline(section.getDuration("secondary-deadline"))
              .tableSecondaryDeadlines(tableSecondaryDeadlines(section))
              .breakerSlowCallRateThreshold(
                  (float) section.getDouble("circuit-breaker.slow-call-rate-threshold"))
              .intentLogEnabled(section.getBoolean("intent-log.enabled"))
              .lwtCopy(enumValue(section, "lwt-copy", LwtCopyMode.class))
              .lwtCopyReadConsistency(
                  enumValue(section, "lwt-copy-read-consistency", DefaultConsistencyLevel.class));
      String consistency = section.getString("secondary-consistency");
      if (!consistency.isBlank()) {
        builder.secondaryConsistency(enumValue(section, "secondary-consistency", DefaultConsistencyLevel.class));
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid setting in " + ROOT + ": " + e.getMessage(), e);
    }
  }

  /** {@code "ks.table" = OFF} (quoted key) and {@code ks { table = OFF }} (nested) both name a table. */
  private static Map<String, MirrorMode> tableModes(Config section) {
    Map<String, MirrorMode> modes = new LinkedHashMap<>();
    Config tables = section.getConfig("table-modes");
    for (Map.Entry<String, ConfigValue> entry : tables.root().entrySet()) {
      String name = entry.getKey();
      if (entry.getValue() instanceof ConfigObject keyspace) {
        for (String table : keyspace.keySet()) {
          modes.put(name + "." + table, enumValue(tables.getConfig(ConfigUtil.joinPath(name)),
              ConfigUtil.joinPath(table), MirrorMode.class, "table-modes." + name + "." + table));
        }
      } else {
        modes.put(name, enumValue(tables, ConfigUtil.joinPath(name), MirrorMode.class, "table-modes." + name));
      }
    }
    return modes;
  }

  /** Like {@link #tableModes}: quoted {@code "ks.table" = 100ms} and nested {@code ks { table = 100ms }}. */
  private static Map<String, Duration> tableSecondaryDeadlines(Config section) {
    Map<String, Duration> deadlines = new LinkedHashMap<>();
    Config tables = section.getConfig("table-secondary-deadlines");
    for (Map.Entry<String, ConfigValue> entry : tables.root().entrySet()) {
      String name = entry.getKey();
      if (entry.getValue() instanceof ConfigObject keyspace) {
        Config nested = tables.getConfig(ConfigUtil.joinPath(name));
        keyspace.keySet().forEach(table ->
            deadlines.put(name + "." + table, nested.getDuration(ConfigUtil.joinPath(table))));
      } else {
        deadlines.put(name, tables.getDuration(ConfigUtil.joinPath(name)));
      }
    }
    return deadlines;
  }

  private static Pattern pattern(Config section, String path) {
    String regex = section.getString(path);
    if (regex.isBlank()) {
      return null;
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new ConfigException.BadValue(section.origin(), ROOT + "." + path,
          "'" + regex + "' is not a Java regular expression: " + e.getDescription());
    }
  }

  private static <E extends Enum<E>> E enumValue(Config section, String path, Class<E> type) {
    return enumValue(section, path, type, path);
  }

  private static <E extends Enum<E>> E enumValue(Config section, String path, Class<E> type, String shownPath) {
    String value = section.getString(path);
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new ConfigException.BadValue(
          section.origin(), ROOT + "." + shownPath,
          "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
    }
  }
}
