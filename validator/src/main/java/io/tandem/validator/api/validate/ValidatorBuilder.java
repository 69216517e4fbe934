package io.tandem.validator.api.validate;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.validator.internal.compare.DefaultValidator;
import io.tandem.validator.internal.compare.ValidationSettings;
import io.tandem.validator.api.range.ScanSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Configures a {@link Validator}. Required: a source, a target and the tables ({@link #forTable},
 * {@link #forTables} or {@link #forKeyspace}). Defaults: values only (no writetime or TTL comparison), recheck
 * after 2 s, 256 splits, 4 ranges at once, no rate limit, {@link ScanSettings#DEFAULTS}, no report files, 1000
 * mismatches kept in the report object, no progress output, the system UTC clock, a {@link SimpleMeterRegistry}.
 * The ranges are compared by a pool of {@link #withConcurrency concurrency} threads that each table's run
 * creates and shuts down: that pool is the unit of parallelism you set, so it is not taken from the caller.
 */
public final class ValidatorBuilder {

  private CqlSession source;
  private CqlSession target;
  private String keyspace;
  private List<String> tables;
  private boolean compareWritetimes;
  private Duration ttlTolerance;
  private Duration writetimeTolerance;
  private Duration recheckDelay = Duration.ofSeconds(2);
  private int splits = 256;
  private int concurrency = 4;
  private long maxRowsPerSecond;
  private ScanSettings scanSettings = ScanSettings.DEFAULTS;
  private Path reportDirectory;
  private int maxMismatchesInReport = 1000;
  private PrintStream progress;
  private Clock clock = Clock.systemUTC();
  private MeterRegistry meterRegistry;

  ValidatorBuilder() {}

  /** The cluster whose data is the reference (the one being migrated from). */
  public ValidatorBuilder withSource(CqlSession session) {
    this.source = Objects.requireNonNull(session, "source session");
    return this;
  }

  /** The cluster being migrated to. */
  public ValidatorBuilder withTarget(CqlSession session) {
    this.target = Objects.requireNonNull(session, "target session");
    return this;
  }

  /** Validates one table. */
  public ValidatorBuilder forTable(String keyspace, String table) {
    return forTables(keyspace, List.of(Objects.requireNonNull(table, "table")));
  }

  /** Validates these tables of {@code keyspace}, each on its own. */
  public ValidatorBuilder forTables(String keyspace, List<String> tables) {
    Objects.requireNonNull(tables, "tables");
    if (tables.isEmpty() || tables.stream().anyMatch(table -> table == null || table.isBlank())) {
      throw new IllegalArgumentException("forTables needs at least one table name and no blank names, got " + tables);
    }
    this.keyspace = requireName(keyspace);
    this.tables = List.copyOf(tables);
    return this;
  }

  /** Validates every table of {@code keyspace} (as the source lists them when the run starts), each on its own. */
  public ValidatorBuilder forKeyspace(String keyspace) {
    this.keyspace = requireName(keyspace);
    this.tables = List.of();
    return this;
  }

  /** Also report cells whose values match but whose writetimes differ. Default false. */
  public ValidatorBuilder compareWritetimes(boolean compare) {
    this.compareWritetimes = compare;
    return this;
  }

  /**
   * Compares writetimes (as {@link #compareWritetimes(boolean) compareWritetimes(true)}) but reports a row whose
   * values are equal and whose writetimes differ by at most {@code tolerance} as {@link
   * MismatchKind#WRITETIME_WITHIN_TOLERANCE}, not as a mismatch: the way to validate rows written by LWTs, which
   * each cluster stamps with its own Paxos time. Beyond the tolerance it stays a mismatch. Default none (writetimes
   * must be equal when compared).
   */
  public ValidatorBuilder writetimeTolerance(Duration tolerance) {
    if (tolerance == null || tolerance.isNegative()) {
      throw new IllegalArgumentException("writetimeTolerance needs a tolerance >= 0, got " + tolerance);
    }
    this.writetimeTolerance = tolerance;
    this.compareWritetimes = true;
    return this;
  }

  /** Also report cells whose TTLs differ by more than {@code tolerance}. Default off. */
  public ValidatorBuilder compareTtls(boolean compare, Duration tolerance) {
    if (compare && (tolerance == null || tolerance.isNegative())) {
      throw new IllegalArgumentException("compareTtls needs a tolerance >= 0, got " + tolerance);
    }
    this.ttlTolerance = compare ? tolerance : null;
    return this;
  }

  /** How long after a difference is seen it is re-read on both sides. Default 2 s. */
  public ValidatorBuilder withRecheckDelay(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("recheck delay must be >= 0, got " + delay);
    }
    this.recheckDelay = delay;
    return this;
  }

  /** About how many token ranges the ring is cut into. Default 256. */
  public ValidatorBuilder withSplits(int splits) {
    this.splits = requirePositive("splits", splits);
    return this;
  }

  /** How many ranges are compared at once. Default 4. */
  public ValidatorBuilder withConcurrency(int concurrency) {
    this.concurrency = requirePositive("concurrency", concurrency);
    return this;
  }

  /** Rows read per second, both sides together. Default unlimited (0 or less also means unlimited). */
  public ValidatorBuilder withMaxRowsPerSecond(long rowsPerSecond) {
    this.maxRowsPerSecond = rowsPerSecond;
    return this;
  }

  /** Page size, consistency and page timeout of the scans. Default {@link ScanSettings#DEFAULTS}. */
  public ValidatorBuilder withScanSettings(ScanSettings settings) {
    this.scanSettings = Objects.requireNonNull(settings, "scan settings");
    return this;
  }

  /** Where the ledger, {@code summary.json} and {@code report.html} are written. Default none: no files. */
  public ValidatorBuilder withReportDirectory(Path directory) {
    this.reportDirectory = Objects.requireNonNull(directory, "report directory");
    return this;
  }

  /** Mismatches kept per table in the report object. Default 1000; the ledger file always has all. */
  public ValidatorBuilder withMaxMismatchesInReport(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("maxMismatchesInReport must be >= 0, got " + max);
    }
    this.maxMismatchesInReport = max;
    return this;
  }

  /** Progress lines and the final summary go to {@code out}. Default none. */
  public ValidatorBuilder withProgress(PrintStream out) {
    this.progress = Objects.requireNonNull(out, "progress stream");
    return this;
  }

  /**
   * The clock read for the scan start (which decides what is in flight) and for the time each difference is
   * first seen ({@code Mismatch.detectedAt}). Default {@link Clock#systemUTC()}.
   */
  public ValidatorBuilder withClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Where {@code tandem.validate.rows} and {@code tandem.validate.mismatches} are counted. Default a new simple registry. */
  public ValidatorBuilder withMeterRegistry(MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "meter registry");
    return this;
  }

  /** @throws IllegalStateException naming what is missing */
  public Validator build() {
    if (source == null || target == null) {
      throw new IllegalStateException("A validator needs both clusters: call withSource(session) and withTarget(session)");
    }
    if (source == target) {
      throw new IllegalStateException("Source and target are the same session: validation would compare a cluster with itself");
    }
    if (keyspace == null) {
      throw new IllegalStateException("Say what to validate: forTable(keyspace, table), forTables(...) or forKeyspace(...)");
    }
    MeterRegistry registry = meterRegistry != null ? meterRegistry : new SimpleMeterRegistry();
    return new DefaultValidator(new ValidationSettings(source, target, keyspace, tables, compareWritetimes, ttlTolerance,
        recheckDelay, splits, concurrency, maxRowsPerSecond, scanSettings, reportDirectory, maxMismatchesInReport,
        progress, clock, registry, writetimeTolerance));
  }

  private static String requireName(String keyspace) {
    if (keyspace == null || keyspace.isBlank()) {
      throw new IllegalArgumentException("keyspace must not be blank");
    }
    return keyspace;
  }

  private static int requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
    return value;
  }
}
