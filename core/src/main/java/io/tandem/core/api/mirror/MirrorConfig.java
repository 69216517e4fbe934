package io.tandem.core.api.mirror;

import static io.tandem.core.api.config.MirrorOption.BACKPRESSURE_MAX_WAIT;
import static io.tandem.core.api.config.MirrorOption.BACKPRESSURE_POLICY;
import static io.tandem.core.api.config.MirrorOption.BREAKER_FAILURE_RATE_THRESHOLD;
import static io.tandem.core.api.config.MirrorOption.BREAKER_MINIMUM_CALLS;
import static io.tandem.core.api.config.MirrorOption.BREAKER_OPEN_DURATION;
import static io.tandem.core.api.config.MirrorOption.BREAKER_SLIDING_WINDOW_SIZE;
import static io.tandem.core.api.config.MirrorOption.FAILED_WRITE_DIRECTORY;
import static io.tandem.core.api.config.MirrorOption.FSYNC_INTERVAL;
import static io.tandem.core.api.config.MirrorOption.FSYNC_POLICY;
import static io.tandem.core.api.config.MirrorOption.INJECT_TIMESTAMPS;
import static io.tandem.core.api.config.MirrorOption.LWT_COPY;
import static io.tandem.core.api.config.MirrorOption.LWT_COPY_READ_CONSISTENCY;
import static io.tandem.core.api.config.MirrorOption.MAX_IN_FLIGHT;
import static io.tandem.core.api.config.MirrorOption.MAX_SEGMENT_SIZE;
import static io.tandem.core.api.config.MirrorOption.MODE;
import static io.tandem.core.api.config.MirrorOption.PREPARED_CACHE_SIZE;
import static io.tandem.core.api.config.MirrorOption.PRIMARY_ONLY_STATEMENTS;
import static io.tandem.core.api.config.MirrorOption.REPLAY_BATCH_SIZE;
import static io.tandem.core.api.config.MirrorOption.REPLAY_INTERVAL;
import static io.tandem.core.api.config.MirrorOption.RETRY_INITIAL_BACKOFF;
import static io.tandem.core.api.config.MirrorOption.RETRY_MAX_ATTEMPTS;
import static io.tandem.core.api.config.MirrorOption.REWRITE_NON_DETERMINISTIC_FUNCTIONS;
import static io.tandem.core.api.config.MirrorOption.SCHEMA_CHANGES;
import static io.tandem.core.api.config.MirrorOption.SECONDARY_CONSISTENCY;
import static io.tandem.core.api.config.MirrorOption.TARGET_FAILURE_POLICY;
import static io.tandem.core.api.config.MirrorOption.SECONDARY_DEADLINE;
import static io.tandem.core.api.config.MirrorOption.BREAKER_SLOW_CALL_RATE_THRESHOLD;
import static io.tandem.core.api.config.MirrorOption.INTENT_LOG_ENABLED;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.typesafe.config.Config;
import io.tandem.core.api.config.MirrorOption;
import io.tandem.core.api.config.TandemOption;
import io.tandem.core.api.replay.FsyncPolicy;
import io.tandem.core.internal.MirrorConfigReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Every setting of the mirror engine. Build one with {@link #builder()} (defaults as documented on each
 * builder method and in {@code reference.conf}) or read one from HOCON with {@link
 * io.tandem.core.api.MirrorEngine#configFrom(com.typesafe.config.Config)} or {@link #from(Config)}. The
 * settings and their defaults are listed by {@link MirrorOption}.
 */
public final class MirrorConfig {

  private final Builder values;

  private MirrorConfig(Builder values) {
    this.values = values.copy();
  }

  /** A builder holding the defaults of {@link MirrorOption}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the {@code tandem.mirror} section of a HOCON config, falling back on core's {@code reference.conf}
   * for anything missing; same as {@link io.tandem.core.api.MirrorEngine#configFrom(Config)}.
   *
   * @throws IllegalArgumentException or {@link com.typesafe.config.ConfigException} naming a wrong setting
   */
  public static MirrorConfig from(Config config) {
    return MirrorConfigReader.read(config);
  }

  /** A builder holding this configuration's values, to change some of them. */
  public Builder toBuilder() {
    return values.copy();
  }

  public MirrorMode defaultMode() { return values.defaultMode; }
  /** Mirror modes by {@code "keyspace"} or {@code "keyspace.table"} (lower case) at start; empty by default. */
  public Map<String, MirrorMode> tableModes() { return values.tableModes; }
  /**
   * Writes whose every statement's CQL text fully matches this go to the primary only; {@code null} (the
   * default) when every write is mirrored.
   */
  public Pattern primaryOnlyStatements() { return values.primaryOnlyStatements; }
  public TargetFailurePolicy targetFailurePolicy() { return values.targetFailurePolicy; }
  public int maxInFlight() { return values.maxInFlight; }
  public BackpressurePolicy backpressurePolicy() { return values.backpressurePolicy; }
  public Duration backpressureMaxWait() { return values.backpressureMaxWait; }
  public boolean injectTimestamps() { return values.injectTimestamps; }
  public boolean rewriteNonDeterministicFunctions() { return values.rewriteNonDeterministicFunctions; }
  public SchemaChangePolicy schemaChanges() { return values.schemaChanges; }
  /** The consistency level for mirrored writes, or {@code null} to keep the caller's. */
  public ConsistencyLevel secondaryConsistency() { return values.secondaryConsistency; }
  public int preparedCacheSize() { return values.preparedCacheSize; }
  public int retryMaxAttempts() { return values.retryMaxAttempts; }
  public Duration retryInitialBackoff() { return values.retryInitialBackoff; }
  public float breakerFailureRateThreshold() { return values.breakerFailureRateThreshold; }
  public int breakerSlidingWindowSize() { return values.breakerSlidingWindowSize; }
  public int breakerMinimumCalls() { return values.breakerMinimumCalls; }
  public Duration breakerOpenDuration() { return values.breakerOpenDuration; }
  public Path failedWriteDirectory() { return values.failedWriteDirectory; }
  public FsyncPolicy fsyncPolicy() { return values.fsyncPolicy; }
  public Duration fsyncInterval() { return values.fsyncInterval; }
  public long maxSegmentBytes() { return values.maxSegmentBytes; }
  public Duration replayInterval() { return values.replayInterval; }
  public int replayBatchSize() { return values.replayBatchSize; }
  /** Longest a SYNC caller waits for the secondary's copy; default 500 ms. See {@link Builder#secondaryDeadline}. */
  public Duration secondaryDeadline() { return values.secondaryDeadline; }
  /** Secondary deadlines by {@code "keyspace"} or {@code "keyspace.table"} (lower case); empty by default. */
  public Map<String, Duration> tableSecondaryDeadlines() { return values.tableSecondaryDeadlines; }
  public float breakerSlowCallRateThreshold() { return values.breakerSlowCallRateThreshold; }
  public boolean intentLogEnabled() { return values.intentLogEnabled; }
  public LwtCopyMode lwtCopy() { return values.lwtCopy; }
  public ConsistencyLevel lwtCopyReadConsistency() { return values.lwtCopyReadConsistency; }

  /**
   * Builds a {@link MirrorConfig}; every argument is checked when set. Starts from the defaults of {@link
   * MirrorOption} (those of {@code reference.conf}).
   */
  public static final class Builder {
    private static final Config DEFAULTS = TandemOption.defaults(MirrorOption.values());

    private MirrorMode defaultMode = enumDefault(MODE, MirrorMode.class);
    private Map<String, MirrorMode> tableModes = Map.of();
    private Pattern primaryOnlyStatements = patternDefault();
    private TargetFailurePolicy targetFailurePolicy = enumDefault(TARGET_FAILURE_POLICY, TargetFailurePolicy.class);
    private int maxInFlight = DEFAULTS.getInt(MAX_IN_FLIGHT.path());
    private BackpressurePolicy backpressurePolicy = enumDefault(BACKPRESSURE_POLICY, BackpressurePolicy.class);
    private Duration backpressureMaxWait = DEFAULTS.getDuration(BACKPRESSURE_MAX_WAIT.path());
    private boolean injectTimestamps = DEFAULTS.getBoolean(INJECT_TIMESTAMPS.path());
    private boolean rewriteNonDeterministicFunctions = DEFAULTS.getBoolean(REWRITE_NON_DETERMINISTIC_FUNCTIONS.path());
    private SchemaChangePolicy schemaChanges = enumDefault(SCHEMA_CHANGES, SchemaChangePolicy.class);
    private ConsistencyLevel secondaryConsistency = consistencyDefault();
    private int preparedCacheSize = DEFAULTS.getInt(PREPARED_CACHE_SIZE.path());
    private int retryMaxAttempts = DEFAULTS.getInt(RETRY_MAX_ATTEMPTS.path());
    private Duration retryInitialBackoff = DEFAULTS.getDuration(RETRY_INITIAL_BACKOFF.path());
    private float breakerFailureRateThreshold = (float) DEFAULTS.getDouble(BREAKER_FAILURE_RATE_THRESHOLD.path());
    private int breakerSlidingWindowSize = DEFAULTS.getInt(BREAKER_SLIDING_WINDOW_SIZE.path());
    private int breakerMinimumCalls = DEFAULTS.getInt(BREAKER_MINIMUM_CALLS.path());
    private Duration breakerOpenDuration = DEFAULTS.getDuration(BREAKER_OPEN_DURATION.path());
    private Path failedWriteDirectory = Path.of(DEFAULTS.getString(FAILED_WRITE_DIRECTORY.path()));
    private FsyncPolicy fsyncPolicy = enumDefault(FSYNC_POLICY, FsyncPolicy.class);
    private Duration fsyncInterval = DEFAULTS.getDuration(FSYNC_INTERVAL.path());
    private long maxSegmentBytes = DEFAULTS.getBytes(MAX_SEGMENT_SIZE.path());
    private Duration replayInterval = DEFAULTS.getDuration(REPLAY_INTERVAL.path());
    private int replayBatchSize = DEFAULTS.getInt(REPLAY_BATCH_SIZE.path());
    private Duration secondaryDeadline = DEFAULTS.getDuration(SECONDARY_DEADLINE.path());
    private Map<String, Duration> tableSecondaryDeadlines = Map.of();
    private float breakerSlowCallRateThreshold =
        (float) DEFAULTS.getDouble(BREAKER_SLOW_CALL_RATE_THRESHOLD.path());
    private boolean intentLogEnabled = DEFAULTS.getBoolean(INTENT_LOG_ENABLED.path());
    private LwtCopyMode lwtCopy = enumDefault(LWT_COPY, LwtCopyMode.class);
    private ConsistencyLevel lwtCopyReadConsistency = enumDefault(LWT_COPY_READ_CONSISTENCY, DefaultConsistencyLevel.class);

    private Builder() {}

    /** Mode of tables without an override. Default {@link MirrorMode#SYNC}. */
    public Builder defaultMode(MirrorMode mode) {
      this.defaultMode = Objects.requireNonNull(mode, "defaultMode");
      return this;
    }

    /**
     * Mirror modes that override the default for a keyspace ({@code "shop"}) or a table ({@code
     * "shop.audit"}) from the start; a table's entry wins over its keyspace's. Names are matched in lower
     * case. Default none. Change them at runtime with {@code MigrationControl.setMode}.
     */
    public Builder tableModes(Map<String, MirrorMode> modes) {
      this.tableModes =
          byTableName(modes, "tableModes", (name, mode) -> Objects.requireNonNull(mode, "mode of " + name));
      return this;
    }

    /**
     * Writes (or batches) whose every statement's CQL text fully matches {@code pattern} go to the primary only,
     * like Azure's cassandra-proxy {@code --filter-tables}; {@code null} (the default) mirrors every write.
     */
    public Builder primaryOnlyStatements(Pattern pattern) {
      this.primaryOnlyStatements = pattern;
      return this;
    }

    /** What a SYNC caller sees when the secondary fails. Default {@link TargetFailurePolicy#LOG_FOR_REPLAY}. */
    public Builder targetFailurePolicy(TargetFailurePolicy policy) {
      this.targetFailurePolicy = Objects.requireNonNull(policy, "targetFailurePolicy");
      return this;
    }

    /** Most mirrored writes in flight at once; bounds memory whatever the load. Default 1024. */
    public Builder maxInFlight(int maxInFlight) {
      this.maxInFlight = positive(maxInFlight, "maxInFlight");
      return this;
    }

    /** What to do when {@code maxInFlight} is reached. Default {@link BackpressurePolicy#WAIT}. */
    public Builder backpressurePolicy(BackpressurePolicy policy) {
      this.backpressurePolicy = Objects.requireNonNull(policy, "backpressurePolicy");
      return this;
    }

    /** With {@link BackpressurePolicy#WAIT}, how long a caller waits before its write is logged. Default 1 s. */
    public Builder backpressureMaxWait(Duration wait) {
      this.backpressureMaxWait = notNegative(wait, "backpressureMaxWait");
      return this;
    }

    /** Give writes without a timestamp one shared timestamp for both clusters. Default true. */
    public Builder injectTimestamps(boolean inject) {
      this.injectTimestamps = inject;
      return this;
    }

    /**
     * Give {@code now()}, {@code uuid()}, … one value for both clusters (literals, or extra bound values in
     * prepared writes and writes with values). Default true.
     */
    public Builder rewriteNonDeterministicFunctions(boolean rewrite) {
      this.rewriteNonDeterministicFunctions = rewrite;
      return this;
    }

    /** Where schema changes go. Default {@link SchemaChangePolicy#MIRROR}. */
    public Builder schemaChanges(SchemaChangePolicy policy) {
      this.schemaChanges = Objects.requireNonNull(policy, "schemaChanges");
      return this;
    }

    /** Consistency level of mirrored writes; {@code null} (the default) keeps the caller's. */
    public Builder secondaryConsistency(ConsistencyLevel consistency) {
      this.secondaryConsistency = consistency;
      return this;
    }

    /** Most prepared statements cached per cluster for mirrored queries. Default 10,000. */
    public Builder preparedCacheSize(int size) {
      this.preparedCacheSize = positive(size, "preparedCacheSize");
      return this;
    }

    /** Attempts per mirrored write that is safe to repeat (1 = no retry). Default 3. */
    public Builder retryMaxAttempts(int attempts) {
      this.retryMaxAttempts = positive(attempts, "retryMaxAttempts");
      return this;
    }

    /** First retry back-off, doubled on each attempt. Default 100 ms. */
    public Builder retryInitialBackoff(Duration backoff) {
      this.retryInitialBackoff = positiveDuration(backoff, "retryInitialBackoff");
      return this;
    }

    /** Failure percentage (1–100) over the sliding window that opens the breaker. Default 50. */
    public Builder breakerFailureRateThreshold(float percent) {
      if (!(percent > 0 && percent <= 100)) {
        throw new IllegalArgumentException("breakerFailureRateThreshold must be in (0, 100], got " + percent);
      }
      this.breakerFailureRateThreshold = percent;
      return this;
    }

    /** Calls in the breaker's count-based sliding window. Default 20. */
    public Builder breakerSlidingWindowSize(int calls) {
      this.breakerSlidingWindowSize = positive(calls, "breakerSlidingWindowSize");
      return this;
    }

    /** Calls needed before the breaker may open. Default 10. */
    public Builder breakerMinimumCalls(int calls) {
      this.breakerMinimumCalls = positive(calls, "breakerMinimumCalls");
      return this;
    }

    /** How long the breaker stays open before it lets trial calls through. Default 5 s. */
    public Builder breakerOpenDuration(Duration duration) {
      this.breakerOpenDuration = positiveDuration(duration, "breakerOpenDuration");
      return this;
    }

    /** Folder of the failed-write log. Default {@code ./tandem-failed-writes}. */
    public Builder failedWriteDirectory(Path directory) {
      this.failedWriteDirectory = Objects.requireNonNull(directory, "failedWriteDirectory");
      return this;
    }

    /** When log appends are forced to disk. Default {@link FsyncPolicy#INTERVAL}. */
    public Builder fsyncPolicy(FsyncPolicy policy) {
      this.fsyncPolicy = Objects.requireNonNull(policy, "fsyncPolicy");
      return this;
    }

    /** With {@link FsyncPolicy#INTERVAL}, the longest time between forces. Default 100 ms. */
    public Builder fsyncInterval(Duration interval) {
      this.fsyncInterval = positiveDuration(interval, "fsyncInterval");
      return this;
    }

    /** Size at which the log starts a new segment file. Default 64 MiB. */
    public Builder maxSegmentBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxSegmentBytes must be at least 1024, got " + bytes);
      }
      this.maxSegmentBytes = bytes;
      return this;
    }

    /** How often a non-empty log is replayed when the breaker lets calls through. Default 10 s. */
    public Builder replayInterval(Duration interval) {
      this.replayInterval = positiveDuration(interval, "replayInterval");
      return this;
    }

    /** Entries read from the log per replay step. Default 100. */
    public Builder replayBatchSize(int size) {
      this.replayBatchSize = positive(size, "replayBatchSize");
      return this;
    }

    /**
     * Longest a SYNC caller waits for the secondary's copy after sending it. When it passes the caller gets the
     * primary's answer (or, with {@link TargetFailurePolicy#FAIL_CALLER}, a {@link MirroredWriteException}); the
     * copy goes on in the background, keeping its in-flight slot, and is logged for replay if it then fails.
     * Copies slower than this also count as slow calls for the breaker. Default 500 ms, well under a driver's
     * 2 s request timeout.
     */
    public Builder secondaryDeadline(Duration deadline) {
      this.secondaryDeadline = positiveDuration(deadline, "secondaryDeadline");
      return this;
    }

    /** How an LWT reaches the secondary. Default {@link LwtCopyMode#CONDITIONAL}. */
    public Builder lwtCopy(LwtCopyMode mode) {
      this.lwtCopy = Objects.requireNonNull(mode, "lwtCopy");
      return this;
    }

    /**
     * Secondary deadlines that override {@link #secondaryDeadline} for a keyspace ({@code "shop"}) or a table
     * ({@code "shop.audit"}); a table's entry wins over its keyspace's. Names are matched in lower case. Default
     * none.
     */
    public Builder tableSecondaryDeadlines(Map<String, Duration> deadlines) {
      this.tableSecondaryDeadlines = byTableName(deadlines, "tableSecondaryDeadlines",
          (name, deadline) -> positiveDuration(deadline, "tableSecondaryDeadlines of " + name));
      return this;
    }

    /**
     * Percentage (1–100) of calls in the sliding window that took at least {@link #secondaryDeadline} and open
     * the breaker, so that a stalled cluster is cut off even before its requests time out. Default 50.
     */
    public Builder breakerSlowCallRateThreshold(float percent) {
      if (!(percent > 0 && percent <= 100)) {
        throw new IllegalArgumentException("breakerSlowCallRateThreshold must be in (0, 100], got " + percent);
      }
      this.breakerSlowCallRateThreshold = percent;
      return this;
    }

    /**
     * Record each mirrored copy in the intent log ({@code <failedWriteDirectory>/intents}) before the caller is
     * answered, so copies in flight survive a killed process and are replayed on the next start. Default true.
     */
    public Builder intentLogEnabled(boolean enabled) {
      this.intentLogEnabled = enabled;
      return this;
    }

    /**
     * Consistency of the read of the primary's write time with {@link LwtCopyMode#UNCONDITIONAL_AT_PRIMARY_WRITETIME}:
     * {@code SERIAL} (the default) or {@code LOCAL_SERIAL} see the LWT's result whatever its commit consistency;
     * {@code QUORUM} and the like are cheaper, and enough when the LWT committed at that level.
     */
    public Builder lwtCopyReadConsistency(ConsistencyLevel consistency) {
      this.lwtCopyReadConsistency = Objects.requireNonNull(consistency, "lwtCopyReadConsistency");
      return this;
    }

    public MirrorConfig build() {
      if (breakerMinimumCalls > breakerSlidingWindowSize) {
        throw new IllegalArgumentException("breakerMinimumCalls (" + breakerMinimumCalls
            + ") must not exceed breakerSlidingWindowSize (" + breakerSlidingWindowSize + ")");
      }
      return new MirrorConfig(this);
    }

    private Builder copy() {
      Builder copy = new Builder();
      copy.defaultMode = defaultMode;
      copy.tableModes = tableModes;
      copy.primaryOnlyStatements = primaryOnlyStatements;
      copy.targetFailurePolicy = targetFailurePolicy;
      copy.maxInFlight = maxInFlight;
      copy.backpressurePolicy = backpressurePolicy;
      copy.backpressureMaxWait = backpressureMaxWait;
      copy.injectTimestamps = injectTimestamps;
      copy.rewriteNonDeterministicFunctions = rewriteNonDeterministicFunctions;
      copy.schemaChanges = schemaChanges;
      copy.secondaryConsistency = secondaryConsistency;
      copy.preparedCacheSize = preparedCacheSize;
      copy.retryMaxAttempts = retryMaxAttempts;
      copy.retryInitialBackoff = retryInitialBackoff;
      copy.breakerFailureRateThreshold = breakerFailureRateThreshold;
      copy.breakerSlidingWindowSize = breakerSlidingWindowSize;
      copy.breakerMinimumCalls = breakerMinimumCalls;
      copy.breakerOpenDuration = breakerOpenDuration;
      copy.failedWriteDirectory = failedWriteDirectory;
      copy.fsyncPolicy = fsyncPolicy;
      copy.fsyncInterval = fsyncInterval;
      copy.maxSegmentBytes = maxSegmentBytes;
      copy.replayInterval = replayInterval;
      copy.replayBatchSize = replayBatchSize;
      copy.secondaryDeadline = secondaryDeadline;
      copy.tableSecondaryDeadlines = tableSecondaryDeadlines;
      copy.breakerSlowCallRateThreshold = breakerSlowCallRateThreshold;
      copy.intentLogEnabled = intentLogEnabled;
      copy.lwtCopy = lwtCopy;
      copy.lwtCopyReadConsistency = lwtCopyReadConsistency;
      return copy;
    }

    /** Keys checked as {@code KEYSPACE} or {@code KEYSPACE.TABLE} and put in lower case; values checked. */
    private static <V> Map<String, V> byTableName(Map<String, V> entries, String setting,
        BiFunction<String, V, V> check) {
      Map<String, V> normalized = new LinkedHashMap<>();
      entries.forEach((name, value) -> {
        if (name == null || name.isBlank() || name.split("\\.", -1).length > 2 || name.startsWith(".")
            || name.endsWith(".")) {
          throw new IllegalArgumentException(setting + ": '" + name + "' is not KEYSPACE or KEYSPACE.TABLE");
        }
        normalized.put(name.trim().toLowerCase(Locale.ROOT), check.apply(name, value));
      });
      return Map.copyOf(normalized);
    }

    private static <E extends Enum<E>> E enumDefault(MirrorOption option, Class<E> type) {
      return Enum.valueOf(type, DEFAULTS.getString(option.path()));
    }

    private static Pattern patternDefault() {
      String regex = DEFAULTS.getString(PRIMARY_ONLY_STATEMENTS.path());
      return regex.isEmpty() ? null : Pattern.compile(regex);
    }

    private static ConsistencyLevel consistencyDefault() {
      String level = DEFAULTS.getString(SECONDARY_CONSISTENCY.path());
      return level.isEmpty() ? null : DefaultConsistencyLevel.valueOf(level);
    }

    private static int positive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, got " + value);
      }
      return value;
    }

    private static Duration positiveDuration(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }

    private static Duration notNegative(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, got " + value);
      }
      return value;
    }
  }
}
