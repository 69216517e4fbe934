package io.tandem.validator.internal.repair;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;

/** The settings of one repair, validated by {@code RepairerBuilder}. */
public record RepairSettings(
    boolean deleteTargetOnlyRows, boolean dryRun, PrintStream planOutput, ConsistencyLevel consistency,
    Duration requestTimeout, Clock clock, MeterRegistry meterRegistry) {}
