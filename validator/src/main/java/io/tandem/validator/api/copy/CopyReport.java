package io.tandem.validator.api.copy;

import io.tandem.validator.api.range.TokenRange;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * What one {@link TableCopier#run()} did.
 *
 * @param table             {@code keyspace.table}
 * @param strategy          the timestamp strategy used
 * @param backdateTimestamp the backdate timestamp (microseconds) when {@link TimestampStrategy#BACKDATE} was used
 * @param rowsRead          source rows read by this run
 * @param writesIssued      target writes issued (or, on a dry run, that would have been issued)
 * @param rowsSkipped       rows that needed no write (counters already equal)
 * @param failedRanges      ranges that still failed after retries; run again to resume them
 * @param resumed           this run continued an unfinished checkpoint
 * @param complete          every range is copied (now or by an earlier run)
 * @param cancelled         the run was cancelled
 * @param dryRun            nothing was written
 * @param duration          wall time of this run
 * @param columns           per column, what is exact and what is approximated
 */
public record CopyReport(
    String table,
    TimestampStrategy strategy,
    OptionalLong backdateTimestamp,
    long rowsRead,
    long writesIssued,
    long rowsSkipped,
    List<FailedRange> failedRanges,
    boolean resumed,
    boolean complete,
    boolean cancelled,
    boolean dryRun,
    Duration duration,
    List<ColumnFidelity> columns) {

  public CopyReport {
    failedRanges = List.copyOf(failedRanges);
    columns = List.copyOf(columns);
  }

  /** Rows read per second over the run. */
  public double rowsPerSecond() {
    double seconds = Math.max(duration.toNanos() / 1e9, 1e-3);
    return rowsRead / seconds;
  }

  /** A range that could not be copied, and the last error's message. */
  public record FailedRange(TokenRange range, String message) {}
}
