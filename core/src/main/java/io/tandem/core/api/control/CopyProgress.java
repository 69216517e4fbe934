package io.tandem.core.api.control;

import java.time.Instant;
import java.util.Objects;

/**
 * How far the copy of one table's history got, as {@code tandem copy --migration id} records it.
 *
 * @param table {@code keyspace.table}
 * @param rangesDone token ranges copied so far
 * @param rangesTotal token ranges of the table's ring
 * @param updatedAt when this was recorded
 */
public record CopyProgress(String table, long rangesDone, long rangesTotal, Instant updatedAt) {

  public CopyProgress {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public boolean finished() {
    return rangesTotal > 0 && rangesDone >= rangesTotal;
  }
}
