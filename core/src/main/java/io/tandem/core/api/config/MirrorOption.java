package io.tandem.core.api.config;


/**
 * Every {@code tandem.mirror} setting of the mirror engine (core's {@code reference.conf}), with the default
 * that file gives it. {@code MirrorConfig.builder()} starts from these defaults.
 */
public enum MirrorOption implements TandemOption {
  MODE("mode", OptionType.ENUM, "SYNC", "How writes reach the secondary cluster: SYNC, ASYNC or OFF."),
  TABLE_MODES("table-modes", OptionType.OBJECT, "{}", "Modes overriding mode for a keyspace or a table."),
  PRIMARY_ONLY_STATEMENTS("primary-only-statements", OptionType.STRING, "\"\"",
      "Regular expression of CQL texts that go to the primary only; empty mirrors every write."),
  TARGET_FAILURE_POLICY("target-failure-policy", OptionType.ENUM, "LOG_FOR_REPLAY",
      "What a SYNC caller sees when the secondary fails: LOG_FOR_REPLAY or FAIL_CALLER."),
  MAX_IN_FLIGHT("max-in-flight", OptionType.INTEGER, "1024", "Most mirrored writes in flight at once."),
  BACKPRESSURE_POLICY("backpressure.policy", OptionType.ENUM, "WAIT",
      "When max-in-flight is reached: WAIT for a slot or LOG_FOR_REPLAY at once."),
  BACKPRESSURE_MAX_WAIT("backpressure.max-wait", OptionType.DURATION, "1 second", "How long WAIT waits."),
  INJECT_TIMESTAMPS("inject-timestamps", OptionType.BOOLEAN, "true",
      "Give writes without a timestamp one timestamp sent to both clusters."),
  REWRITE_NON_DETERMINISTIC_FUNCTIONS("rewrite-non-deterministic-functions", OptionType.BOOLEAN, "true",
      "Give now(), uuid() and the like one value for both clusters: literals, or bound values in prepared writes."),
  SCHEMA_CHANGES("schema-changes", OptionType.ENUM, "MIRROR", "Where schema changes go: MIRROR or PRIMARY_ONLY."),
  SECONDARY_CONSISTENCY("secondary-consistency", OptionType.STRING, "\"\"",
      "Consistency level of the secondary's copy; empty keeps the caller's."),
  PREPARED_CACHE_SIZE("prepared-cache-size", OptionType.INTEGER, "10000",
      "Most prepared statements cached per cluster for mirrored queries."),
  RETRY_MAX_ATTEMPTS("retry.max-attempts", OptionType.INTEGER, "3",
      "Attempts per mirrored write that is safe to repeat; 1 disables retry."),
  RETRY_INITIAL_BACKOFF("retry.initial-backoff", OptionType.DURATION, "100 milliseconds",
      "First retry back-off, doubled at each attempt."),
  BREAKER_FAILURE_RATE_THRESHOLD("circuit-breaker.failure-rate-threshold", OptionType.DOUBLE, "50",
      "Percentage of failed calls in the window that opens the breaker."),
  BREAKER_SLIDING_WINDOW_SIZE("circuit-breaker.sliding-window-size", OptionType.INTEGER, "20",
      "Calls in the breaker's count-based sliding window."),
  BREAKER_MINIMUM_CALLS("circuit-breaker.minimum-calls", OptionType.INTEGER, "10",
      "Calls needed before the failure rate is judged."),
  BREAKER_OPEN_DURATION("circuit-breaker.open-duration", OptionType.DURATION, "5 seconds",
      "Time the breaker stays open before trial calls go through."),
  FAILED_WRITE_DIRECTORY("failed-write-log.directory", OptionType.STRING, "\"tandem-failed-writes\"",
      "Folder of the durable log of writes owed to a cluster."),
  FSYNC_POLICY("failed-write-log.fsync-policy", OptionType.ENUM, "INTERVAL",
      "When log appends are forced to disk: ALWAYS, INTERVAL or NEVER."),
  FSYNC_INTERVAL("failed-write-log.fsync-interval", OptionType.DURATION, "100 milliseconds",
      "With INTERVAL, the longest an append waits to be forced to disk."),
  MAX_SEGMENT_SIZE("failed-write-log.max-segment-size", OptionType.BYTES, "64 MiB",
      "Size past which the log starts a new segment file."),
  REPLAY_INTERVAL("replay.interval", OptionType.DURATION, "10 seconds", "How often a non-empty log is replayed."),
  REPLAY_BATCH_SIZE("replay.batch-size", OptionType.INTEGER, "100", "Entries replayed concurrently per step."),
  SECONDARY_DEADLINE("secondary-deadline", OptionType.DURATION, "500 milliseconds",
      "Longest a SYNC caller waits for the secondary's copy; the copy goes on in the background."),
  TABLE_SECONDARY_DEADLINES("table-secondary-deadlines", OptionType.OBJECT, "{}",
      "Secondary deadlines overriding secondary-deadline for a keyspace or a table."),
  BREAKER_SLOW_CALL_RATE_THRESHOLD("circuit-breaker.slow-call-rate-threshold", OptionType.DOUBLE, "50",
      "Percentage of calls in the window slower than secondary-deadline that opens the breaker."),
  INTENT_LOG_ENABLED("intent-log.enabled", OptionType.BOOLEAN, "true",
      "Record each mirrored copy in a local log before answering, so a killed process replays it on start."),
  LWT_COPY("lwt-copy", OptionType.ENUM, "CONDITIONAL",
      "How an LWT reaches the secondary: CONDITIONAL or UNCONDITIONAL_AT_PRIMARY_WRITETIME."),
  LWT_COPY_READ_CONSISTENCY("lwt-copy-read-consistency", OptionType.ENUM, "SERIAL",
      "Consistency of the read of the primary's write time for UNCONDITIONAL_AT_PRIMARY_WRITETIME.");

  private final OptionSpec spec;

  MirrorOption(String key, OptionType type, String defaultValue, String description) {
    this.spec = OptionSpec.of("tandem.mirror", key, type, defaultValue, description);
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
