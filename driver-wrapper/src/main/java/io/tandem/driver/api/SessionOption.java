package io.tandem.driver.api;

import io.tandem.core.api.config.OptionSpec;
import io.tandem.core.api.config.OptionType;
import io.tandem.core.api.config.TandemOption;

/**
 * Every {@code tandem.session} setting of {@link DualWriteCqlSession} (this module's {@code reference.conf}),
 * with the default that file gives it; {@link ShadowReadConfig#OFF} holds these defaults. The mirror engine's
 * own settings are {@link io.tandem.core.api.config.MirrorOption}.
 */
public enum SessionOption implements TandemOption {
  SHADOW_READS_RATIO("shadow-reads.ratio", OptionType.DOUBLE, "0.0",
      "Share of reads also run on both clusters and compared, from 0 (off) to 1 (all)."),
  SHADOW_READS_MAX_IN_FLIGHT("shadow-reads.max-in-flight", OptionType.INTEGER, "16",
      "Most shadow reads running at once; a sampled read beyond this is skipped."),
  SHADOW_READS_MAX_ROWS("shadow-reads.max-rows", OptionType.INTEGER, "5000",
      "Most rows of the first page compared per read.");

  private final OptionSpec spec;

  SessionOption(String key, OptionType type, String defaultValue, String description) {
    this.spec = OptionSpec.of("tandem.session", key, type, defaultValue, description);
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
