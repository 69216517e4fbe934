package io.tandem.driver.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tandem.core.api.config.TandemOption;
import io.tandem.driver.internal.SessionConfigReader;

/**
 * Settings of shadow reads. {@code tandem.session.shadow-reads} in {@code reference.conf}; the defaults are
 * those of {@link SessionOption}.
 *
 * @param ratio the share of reads also run on the other cluster and compared, from 0 (off, the default)
 *     to 1 (every read)
 * @param maxInFlight most shadow reads running at once (default 16); a sampled read beyond it is skipped,
 *     so shadowing never queues up work or adds latency
 * @param maxRows most rows compared per read, from the first page (default 5000)
 */
public record ShadowReadConfig(double ratio, int maxInFlight, int maxRows) {

  /** Shadow reads off: the defaults of {@link SessionOption}. */
  public static final ShadowReadConfig OFF = defaults();

  public ShadowReadConfig {
    if (ratio < 0 || ratio > 1 || Double.isNaN(ratio)) {
      throw new IllegalArgumentException("shadow read ratio must be between 0 and 1, got " + ratio);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("shadow reads max-in-flight must be at least 1, got " + maxInFlight);
    }
    if (maxRows < 1) {
      throw new IllegalArgumentException("shadow reads max-rows must be at least 1, got " + maxRows);
    }
  }

  /** The given share of reads, with the default limits. */
  public static ShadowReadConfig sample(double ratio) {
    return new ShadowReadConfig(ratio, OFF.maxInFlight(), OFF.maxRows());
  }

  /**
   * Reads {@code tandem.session.shadow-reads} from a HOCON config, falling back on this module's {@code
   * reference.conf} for anything missing.
   *
   * @throws IllegalArgumentException naming the bad setting and what it must be
   */
  public static ShadowReadConfig from(Config config) {
    return SessionConfigReader.shadowReads(
        config.withFallback(ConfigFactory.defaultReference(ShadowReadConfig.class.getClassLoader())));
  }

  public boolean enabled() {
    return ratio > 0;
  }

  private static ShadowReadConfig defaults() {
    Config defaults = TandemOption.defaults(SessionOption.values());
    return new ShadowReadConfig(defaults.getDouble(SessionOption.SHADOW_READS_RATIO.path()),
        defaults.getInt(SessionOption.SHADOW_READS_MAX_IN_FLIGHT.path()),
        defaults.getInt(SessionOption.SHADOW_READS_MAX_ROWS.path()));
  }
}
