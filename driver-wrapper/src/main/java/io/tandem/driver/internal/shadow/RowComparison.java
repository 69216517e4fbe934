package io.tandem.driver.internal.shadow;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares the rows two clusters returned for the same read: rows are matched by primary key (or by their
 * whole content when the key is not selected), then compared column by column on their serialized bytes,
 * so no type is ever misread as equal.
 */
final class RowComparison {

  /** How one row differs. */
  enum Kind {
    /** The serving side has the row, the other does not. */
    MISSING_ON_OTHER,
    /** The other side has a row the serving side does not. */
    MISSING_ON_SERVED,
    /** Both have the row; some columns differ. */
    COLUMNS_DIFFER
  }

  /** One row's difference: its key (as {@code column=value}) and, for differing rows, which columns. */
  record Difference(Kind kind, String key, List<String> columns) {}

  private RowComparison() {}

  /** @param keyColumns the primary-key columns, or empty to match rows by their whole content */
  static List<Difference> compare(List<Row> served, List<Row> other, List<CqlIdentifier> keyColumns) {
    Map<String, Row> otherByKey = new LinkedHashMap<>();
    for (Row row : other) {
      otherByKey.put(keyOf(row, keyColumns), row);
    }
    List<Difference> differences = new ArrayList<>();
    for (Row row : served) {
      String key = keyOf(row, keyColumns);
      Row match = otherByKey.remove(key);
      if (match == null) {
        differences.add(new Difference(Kind.MISSING_ON_OTHER, key, List.of()));
      } else {
        List<String> columns = differingColumns(row, match);
        if (!columns.isEmpty()) {
          differences.add(new Difference(Kind.COLUMNS_DIFFER, key, columns));
        }
      }
    }
    otherByKey.forEach((key, row) -> differences.add(new Difference(Kind.MISSING_ON_SERVED, key, List.of())));
    return differences;
  }

  private static List<String> differingColumns(Row served, Row other) {
    List<String> columns = new ArrayList<>();
    for (int index = 0; index < served.getColumnDefinitions().size(); index++) {
      ColumnDefinition column = served.getColumnDefinitions().get(index);
      ByteBuffer otherValue = other.getColumnDefinitions().contains(column.getName())
          ? other.getBytesUnsafe(column.getName())
          : null;
      if (!Objects.equals(served.getBytesUnsafe(index), otherValue)) {
        columns.add(column.getName().asCql(true));
      }
    }
    return columns;
  }

  private static String keyOf(Row row, List<CqlIdentifier> keyColumns) {
    StringBuilder key = new StringBuilder();
    if (keyColumns.isEmpty()) {
      for (int index = 0; index < row.getColumnDefinitions().size(); index++) {
        append(key, row.getColumnDefinitions().get(index).getName(), row.getObject(index));
      }
    } else {
      for (CqlIdentifier column : keyColumns) {
        append(key, column, row.getObject(column));
      }
    }
    return key.toString();
  }

  private static void append(StringBuilder key, CqlIdentifier column, Object value) {
    if (key.length() > 0) {
      key.append(", ");
    }
    key.append(column.asCql(true)).append('=').append(value);
  }
}
