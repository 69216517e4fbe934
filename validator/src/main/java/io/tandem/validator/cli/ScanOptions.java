package io.tandem.validator.cli;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import io.tandem.validator.api.range.ScanSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How ranges are scanned, shared by count, copy, validate and repair. */
public final class ScanOptions {

  @Option(names = "--splits", defaultValue = "256",
      description = "Token ranges the ring is cut into (default ${DEFAULT-VALUE}).")
  int splits;

  @Option(names = "--concurrency", defaultValue = "4",
      description = "Ranges worked on at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--page-size", defaultValue = "1000", description = "Rows per page (default ${DEFAULT-VALUE}).")
  int pageSize;

  @Option(names = "--consistency", defaultValue = "LOCAL_QUORUM",
      description = "Read consistency: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  DefaultConsistencyLevel consistency;

  @Option(names = "--page-timeout", defaultValue = "PT30S", paramLabel = "DURATION",
      description = "How long one page may take before its range is split and retried, ISO-8601 "
          + "(default ${DEFAULT-VALUE}).")
  Duration pageTimeout;

  @Option(names = "--max-rows-per-second", defaultValue = "0", paramLabel = "ROWS",
      description = "Rows per second across all ranges; 0 = unlimited (default ${DEFAULT-VALUE}).")
  long maxRowsPerSecond;

  ScanSettings settings() {
    return new ScanSettings(pageSize, consistency, pageTimeout);
  }
}
