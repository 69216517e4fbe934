package io.tandem.core.api.control;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one validation of one table, as {@code tandem validate --migration id} records it.
 *
 * @param table {@code keyspace.table}
 * @param startedAt when the validation began (it proves something only if after dual writes started)
 * @param finishedAt when it ended
 * @param differences rows that differed and were not explained by live writes
 * @param failedRanges token ranges that could not be compared
 */
public record ValidationSummary(String table, Instant startedAt, Instant finishedAt, long differences,
    long failedRanges) {

  public ValidationSummary {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  public boolean clean() {
    return differences == 0 && failedRanges == 0;
  }
}
