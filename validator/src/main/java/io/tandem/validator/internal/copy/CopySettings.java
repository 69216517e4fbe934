package io.tandem.validator.internal.copy;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.validator.api.copy.CounterMode;
import io.tandem.validator.api.copy.TimestampStrategy;
import io.tandem.validator.api.range.RangeListener;
import io.tandem.validator.api.range.ScanSettings;
import io.tandem.validator.internal.schema.TableSchema;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything a copy was configured with, validated by the builder. Nullable fields are optional; a null
 * {@code retryScheduler} means the copy creates (and shuts down) its own.
 */
public record CopySettings(
    CqlSession source,
    CqlSession target,
    TableSchema schema,
    TimestampStrategy strategy,
    OptionalLong backdateTimestamp,
    CounterMode counterMode,
    int splits,
    int concurrency,
    int maxInFlightWrites,
    long maxRowsPerSecond,
    Duration adaptiveLatencyTarget,
    ScanSettings scanSettings,
    ConsistencyLevel writeConsistency,
    Path checkpointDirectory,
    boolean dryRun,
    PrintStream progress,
    RangeListener rangeListener,
    MeterRegistry meterRegistry,
    Clock clock,
    ScheduledExecutorService retryScheduler) {}
