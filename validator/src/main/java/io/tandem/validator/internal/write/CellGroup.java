package io.tandem.validator.internal.write;

import io.tandem.validator.internal.schema.ColumnSchema;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells of one row that share a writetime and TTL (and are all static or all regular): written by one
 * INSERT for the single-cell columns and one UPDATE for the parts of collections and UDTs.
 */
final class CellGroup {

  /** How a part of a multi-cell column is assigned in an UPDATE. */
  enum AssignmentKind {
    /** {@code c = c + ?}: set elements or map entries. */
    ADD,
    /** {@code c = ?}: a whole list, or any multi-cell column whose cell writetimes are unknown (before 5.0). */
    WHOLE,
    /** {@code c.field = ?}: one field of a UDT. */
    FIELD
  }

  record Assignment(AssignmentKind kind, ColumnSchema column, String field, ByteBuffer value) {
    String cql() {
      return switch (kind) {
        case ADD -> column.cql() + " = " + column.cql() + " + ?";
        case WHOLE -> column.cql() + " = ?";
        case FIELD -> column.cql() + "." + field + " = ?";
      };
    }
  }

  record Key(boolean isStatic, long timestamp, int ttl) {}

  private final Key key;
  private final Map<ColumnSchema, ByteBuffer> singles = new LinkedHashMap<>();
  private final List<Assignment> assignments = new ArrayList<>();

  CellGroup(Key key) {
    this.key = key;
  }

  Key key() {
    return key;
  }

  void addSingle(ColumnSchema column, ByteBuffer value) {
    singles.put(column, value);
  }

  void addAssignment(Assignment assignment) {
    assignments.add(assignment);
  }

  Map<ColumnSchema, ByteBuffer> singles() {
    return singles;
  }

  List<Assignment> assignments() {
    return assignments;
  }
}
