package io.tandem.core.internal.config;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.tandem.core.api.mirror.BackpressurePolicy;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.mirror.SchemaChangePolicy;
import io.tandem.core.api.mirror.TargetFailurePolicy;
import io.tandem.core.api.replay.FsyncPolicy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

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
              .replayBatchSize(section.getInt("replay.batch-size"));
      String consistency = section.getString("secondary-consistency");
      if (!consistency.isBlank()) {
        builder.secondaryConsistency(enumValue(section, "secondary-consistency", DefaultConsistencyLevel.class));
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid setting in " + ROOT + ": " + e.getMessage(), e);
    }
  }

  private static <E extends Enum<E>> E enumValue(Config section, String path, Class<E> type) {
    String value = section.getString(path);
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new ConfigException.BadValue(
          section.origin(), ROOT + "." + path,
          "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
    }
  }
}
