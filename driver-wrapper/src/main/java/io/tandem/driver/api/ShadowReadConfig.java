package io.tandem.driver.api;

/**
 * Settings of shadow reads. {@code tandem.session.shadow-reads} in {@code reference.conf}.
 *
 * @param ratio the share of reads also run on the other cluster and compared, from 0 (off, the default)
 *     to 1 (every read)
 * @param maxInFlight most shadow reads running at once (default 16); a sampled read beyond it is skipped,
 *     so shadowing never queues up work or adds latency
 * @param maxRows most rows compared per read, from the first page (default 5000)
 */
public record ShadowReadConfig(double ratio, int maxInFlight, int maxRows) {

  /** Shadow reads off. */
  public static final ShadowReadConfig OFF = new ShadowReadConfig(0, 16, 5000);

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

  public boolean enabled() {
    return ratio > 0;
  }
}
