package io.tandem.validator.internal.copy;

import io.tandem.validator.api.copy.ColumnFidelity;
import io.tandem.validator.api.copy.ColumnFidelity.Fidelity;
import io.tandem.validator.api.copy.TimestampStrategy;
import io.tandem.validator.internal.schema.ColumnSchema;
import io.tandem.validator.internal.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;

/** Says, per column, what a copy reproduces exactly and what it approximates. */
final class CopyFidelity {

  static final String ROW_MARKER = "(row marker)";

  private CopyFidelity() {}

  /** @param readsMultiCellMetadata whether the source answers WRITETIME/TTL of multi-cell columns (5.0 on) */
  static List<ColumnFidelity> of(TableSchema schema, TimestampStrategy strategy, boolean readsMultiCellMetadata) {
    List<ColumnFidelity> columns = new ArrayList<>();
    for (ColumnSchema column : schema.cells()) {
      columns.add(column.isMultiCell() && !readsMultiCellMetadata ? withoutMetadata(column, strategy)
          : of(column, strategy));
    }
    if (!schema.isCounterTable()) {
      columns.add(new ColumnFidelity(ROW_MARKER, Fidelity.APPROXIMATED,
          "a row with no cells (primary key only) is written at the copy's start (or backdate) timestamp: a row "
              + "marker's own writetime cannot be read through CQL"));
    }
    return columns;
  }

  private static ColumnFidelity of(ColumnSchema column, TimestampStrategy strategy) {
    String name = column.name().asInternal();
    return switch (column.cellKind()) {
      case COUNTER -> new ColumnFidelity(name, Fidelity.EXACT,
          "counter value made equal by adding the difference (counters have no writetime)");
      case LIST -> new ColumnFidelity(name, Fidelity.APPROXIMATED,
          "list written whole at " + (strategy == TimestampStrategy.BACKDATE ? "the backdate timestamp"
              : "its newest element's writetime") + ", with no TTL if any element has none, else the longest "
              + "remaining TTL: list elements are keyed by server-generated timeuuids, so re-appending them one by "
              + "one would duplicate them");
      default -> strategy == TimestampStrategy.BACKDATE
          ? new ColumnFidelity(name, Fidelity.BACKDATED, "values and remaining TTLs kept; writetime = backdate timestamp")
          : new ColumnFidelity(name, Fidelity.EXACT, exactNote(column));
    };
  }

  private static ColumnFidelity withoutMetadata(ColumnSchema column, TimestampStrategy strategy) {
    return new ColumnFidelity(column.name().asInternal(), Fidelity.APPROXIMATED,
        "written whole with no TTL at " + (strategy == TimestampStrategy.BACKDATE ? "the backdate timestamp"
            : "the newest writetime of the row's single-cell columns") + ": a source before Cassandra 5.0 cannot "
            + "read the writetime or TTL of a non-frozen collection or UDT");
  }

  private static String exactNote(ColumnSchema column) {
    return switch (column.cellKind()) {
      case SET -> "per element writetime and remaining TTL";
      case MAP -> "per entry writetime and remaining TTL";
      case UDT -> "per field writetime and remaining TTL";
      default -> "writetime and remaining TTL";
    };
  }
}
