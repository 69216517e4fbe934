package io.tandem.validator.api.repair;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One decision of a repair about one row: cells written, a row deleted, or cells left alone and why.
 *
 * @param table     {@code keyspace.table}
 * @param key       primary key, column name to CQL literal
 * @param kind      what was (or, on a dry run, would be) done
 * @param columns   the columns concerned (empty for a whole-row decision)
 * @param timestamp the write or delete timestamp in microseconds, or null when nothing is written
 * @param detail    a human explanation, e.g. the two writetimes
 */
public record RepairAction(
    String table, Map<String, String> key, Kind kind, List<String> columns, Long timestamp, String detail) {

  public RepairAction {
    key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
    columns = List.copyOf(columns);
  }

  /** What a repair decided for some cells of a row. */
  public enum Kind {
    /** Source cells newer than the target's (or missing there) written at the source's writetime and TTL. */
    WRITE_CELLS(true),
    /** A row only on the target deleted, at the newest writetime it holds (asked for explicitly). */
    DELETE_ROW(true),
    /** Both sides already agree (the difference was in flight, or repaired since). */
    SKIPPED_ALREADY_EQUAL(false),
    /** The target's cell is newer: last-write-wins keeps it, and so does repair. */
    SKIPPED_TARGET_NEWER(false),
    /** Same writetime, different values: Cassandra would pick by value, so no write can settle it safely. */
    SKIPPED_SAME_WRITETIME(false),
    /** The source has no value (deleted, expired or never written): its tombstone's time cannot be read. */
    SKIPPED_SOURCE_ABSENT(false),
    /** A row only on the target, kept because deleting target-only rows was not asked for. */
    SKIPPED_TARGET_ONLY_ROW(false);

    private final boolean changesTarget;

    Kind(boolean changesTarget) {
      this.changesTarget = changesTarget;
    }

    /** True when the action writes to the target. */
    public boolean changesTarget() {
      return changesTarget;
    }
  }

  /** One line for a plan or a log: {@code WRITE_CELLS ks.t {id=1} [name] at 1700000000000000: ...}. */
  public String describe() {
    return kind + " " + table + " " + key + (columns.isEmpty() ? "" : " " + columns)
        + (timestamp == null ? "" : " at " + timestamp) + (detail.isEmpty() ? "" : ": " + detail);
  }
}
