package io.tandem.validator.api.range;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import java.time.Duration;

/**
 * How ranges are read: rows per page (default 1000), consistency (default LOCAL_QUORUM) and how long one page
 * may take (default 30 s) before the range counts as timed out and is split.
 */
public record ScanSettings(int pageSize, ConsistencyLevel consistency, Duration pageTimeout) {

  public static final ScanSettings DEFAULTS =
      new ScanSettings(1000, DefaultConsistencyLevel.LOCAL_QUORUM, Duration.ofSeconds(30));

  public ScanSettings {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be >= 1, got " + pageSize);
    }
    if (pageTimeout.isNegative() || pageTimeout.isZero()) {
      throw new IllegalArgumentException("page timeout must be positive, got " + pageTimeout);
    }
  }
}
