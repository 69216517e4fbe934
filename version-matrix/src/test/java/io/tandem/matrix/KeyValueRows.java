package io.tandem.matrix;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/** The rows of a {@code (k int PRIMARY KEY, v text)} table, read from one cluster directly. */
final class KeyValueRows {

  private KeyValueRows() {}

  /** Every row as {@code "k|v|writetime(v)"}, sorted. */
  static List<String> withWritetimes(CqlSession session, String table) {
    return withWritetimes(session, table, k -> true);
  }

  /** The rows whose key {@code keys} accepts, as {@code "k|v|writetime(v)"}, sorted. */
  static List<String> withWritetimes(CqlSession session, String table, IntPredicate keys) {
    List<String> rows = new ArrayList<>();
    for (Row row : session.execute("SELECT k, v, WRITETIME(v) FROM " + table)) {
      if (keys.test(row.getInt(0))) {
        rows.add(row.getInt(0) + "|" + row.getString(1) + "|" + row.getLong(2));
      }
    }
    rows.sort(null);
    return rows;
  }
}
