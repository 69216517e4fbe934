package io.tandem.validator.internal.compare;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.validator.api.range.ScanSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Everything a validation run was configured with; {@code tables} is empty when a whole keyspace is validated
 * (its tables are listed when the run starts). {@code ttlTolerance} null means TTLs are not compared;
 * {@code writetimeTolerance} null means compared writetimes must be equal.
 */
public record ValidationSettings(
    CqlSession source, CqlSession target, String keyspace, List<String> tables, boolean compareWritetimes,
    Duration ttlTolerance, Duration recheckDelay, int splits, int concurrency, long maxRowsPerSecond,
    ScanSettings scanSettings, Path reportDirectory, int maxMismatchesInReport, PrintStream progress, Clock clock,
    MeterRegistry meterRegistry, Duration writetimeTolerance) {

  public boolean compareTtls() {
    return ttlTolerance != null;
  }
}
