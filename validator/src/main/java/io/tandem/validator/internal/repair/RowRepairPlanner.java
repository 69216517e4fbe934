package io.tandem.validator.internal.repair;

import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.tandem.validator.api.repair.RepairAction;
import io.tandem.validator.api.repair.RepairAction.Kind;
import io.tandem.validator.api.validate.CellDifference;
import io.tandem.validator.internal.scan.RowKey;
import io.tandem.validator.internal.schema.ColumnSchema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what to do about one row from its current state on both sides: write the source cells that are
 * newer (at their own writetime and TTL), delete a target-only row when asked, and say why anything else is
 * left alone.
 */
final class RowRepairPlanner {

  private final TableRepairContext table;
  private final boolean deleteTargetOnlyRows;
  private final Clock clock;

  /** {@code clock} gives the delete timestamp of a target-only row without cells (its millis, in micros). */
  RowRepairPlanner(TableRepairContext table, boolean deleteTargetOnlyRows, Clock clock) {
    this.table = table;
    this.deleteTargetOnlyRows = deleteTargetOnlyRows;
    this.clock = clock;
  }

  /** The decisions for a row, with the statements that carry them out. */
  record Plan(List<RepairAction> actions, List<Statement<?>> statements) {}

  Plan plan(RowKey key, Map<String, String> keyText, Optional<Row> source, Optional<Row> target) {
    String name = table.schema().displayName();
    if (source.isEmpty() && target.isEmpty()) {
      return skip(new RepairAction(name, keyText, Kind.SKIPPED_ALREADY_EQUAL, List.of(), null, "absent on both sides"));
    }
    if (source.isEmpty()) {
      return targetOnly(name, key, keyText, target.get());
    }
    if (target.isEmpty()) {
      List<ColumnSchema> columns = table.schema().cells();
      return new Plan(List.of(new RepairAction(name, keyText, Kind.WRITE_CELLS, names(columns), null,
          "missing on the target: every source cell written at its own writetime")),
          new ArrayList<>(table.writes().writesFor(source.get(), columns)));
    }
    return differingCells(name, keyText, source.get(), target.get());
  }

  private Plan differingCells(String name, Map<String, String> keyText, Row source, Row target) {
    List<CellDifference> differences = table.comparator().differences(source, target, true);
    if (differences.isEmpty()) {
      return skip(new RepairAction(name, keyText, Kind.SKIPPED_ALREADY_EQUAL, List.of(), null, "same data now"));
    }
    List<RepairAction> actions = new ArrayList<>();
    List<ColumnSchema> toWrite = new ArrayList<>();
    for (CellDifference difference : differences) {
      Kind kind = decide(difference);
      if (kind == Kind.WRITE_CELLS) {
        toWrite.add(column(difference.column()));
      } else {
        actions.add(new RepairAction(name, keyText, kind, List.of(difference.column()), null,
            "source writetime " + difference.sourceWritetime() + ", target " + difference.targetWritetime()));
      }
    }
    List<Statement<?>> statements = new ArrayList<>();
    if (!toWrite.isEmpty()) {
      actions.add(0, new RepairAction(name, keyText, Kind.WRITE_CELLS, names(toWrite), null,
          "source cells newer than the target's (or missing there), written at their own writetime"));
      statements.addAll(table.writes().writesFor(source, toWrite));
    }
    return new Plan(actions, statements);
  }

  private static Kind decide(CellDifference difference) {
    if (difference.sourceValue() == null) {
      return Kind.SKIPPED_SOURCE_ABSENT;
    }
    if (difference.targetValue() == null || difference.targetWritetime() == null) {
      return Kind.WRITE_CELLS;
    }
    int order = Long.compare(difference.sourceWritetime(), difference.targetWritetime());
    return order > 0 ? Kind.WRITE_CELLS : order < 0 ? Kind.SKIPPED_TARGET_NEWER : Kind.SKIPPED_SAME_WRITETIME;
  }

  private Plan targetOnly(String name, RowKey key, Map<String, String> keyText, Row target) {
    if (!deleteTargetOnlyRows) {
      return skip(new RepairAction(name, keyText, Kind.SKIPPED_TARGET_ONLY_ROW, List.of(), null,
          "only on the target; deleting such rows was not asked for"));
    }
    long timestamp = newestWritetime(target);
    return new Plan(
        List.of(new RepairAction(name, keyText, Kind.DELETE_ROW, List.of(), timestamp,
            "only on the target: deleted at its newest writetime, so any later write survives")),
        List.of(delete(key, timestamp)));
  }

  private Statement<?> delete(RowKey key, long timestamp) {
    int partitionKeySize = table.schema().partitionKey().size();
    boolean staticOnly = key.isStaticOnly(partitionKeySize);
    List<ColumnSchema> keyColumns = staticOnly ? table.schema().partitionKey() : table.schema().primaryKey();
    StringBuilder cql = new StringBuilder("DELETE ");
    if (staticOnly) {
      List<String> statics = table.schema().cells().stream().filter(ColumnSchema::isStatic).map(ColumnSchema::cql).toList();
      cql.append(String.join(", ", statics)).append(' ');
    }
    cql.append("FROM ").append(table.schema().qualifiedName()).append(" USING TIMESTAMP ? WHERE ");
    for (int index = 0; index < keyColumns.size(); index++) {
      cql.append(index == 0 ? "" : " AND ").append(keyColumns.get(index).cql()).append(" = ?");
    }
    BoundStatementBuilder builder = table.writes().prepare(cql.toString()).boundStatementBuilder().setLong(0, timestamp);
    for (int index = 0; index < keyColumns.size(); index++) {
      builder.setBytesUnsafe(index + 1, key.components()[index]);
    }
    return builder.build();
  }

  /** The newest writetime of any cell of the row; now for a row without cells (a bare row marker). */
  private long newestWritetime(Row row) {
    long newest = Long.MIN_VALUE;
    for (ColumnSchema column : table.schema().cells()) {
      if (!table.query().hasCellMetadata(column)) {
        continue;
      }
      int index = table.query().writetimeIndex(column);
      if (row.isNull(index)) {
        continue;
      }
      if (column.isMultiCell()) {
        for (Long writetime : row.getList(index, Long.class)) {
          newest = writetime == null ? newest : Math.max(newest, writetime);
        }
      } else {
        newest = Math.max(newest, row.getLong(index));
      }
    }
    return newest == Long.MIN_VALUE ? clock.millis() * 1000 : newest;
  }

  private ColumnSchema column(String name) {
    return table.schema().cells().stream().filter(column -> column.name().asInternal().equals(name)
        || column.cql().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("No column " + name + " in " + table.schema().displayName()));
  }

  private static List<String> names(List<ColumnSchema> columns) {
    return columns.stream().map(column -> column.name().asInternal()).toList();
  }

  private static Plan skip(RepairAction action) {
    return new Plan(List.of(action), List.of());
  }
}
