package io.tandem.rings;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The tables of the ring tests: {@code (k int PRIMARY KEY, v text)}, written and read whole. */
final class KeyValueRows {

  static final String DEFINITION = "(k int PRIMARY KEY, v text)";
  private static final int IN_FLIGHT = 64;

  private KeyValueRows() {}

  /** Writes rows {@code 0..count-1} at LOCAL_QUORUM (every replica of RF 2), {@value #IN_FLIGHT} at a time. */
  static void write(CqlSession session, String table, int count) {
    PreparedStatement insert = session.prepare("INSERT INTO " + Ring.KEYSPACE + "." + table + " (k, v) VALUES (?, ?)");
    List<CompletionStage<AsyncResultSet>> window = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      window.add(session.executeAsync(insert.bind(k, "value " + k)
          .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM)));
      if (window.size() == IN_FLIGHT || k == count - 1) {
        CompletableFuture.allOf(window.stream().map(CompletionStage::toCompletableFuture)
            .toArray(CompletableFuture[]::new)).join();
        window.clear();
      }
    }
  }

  /** Every row of {@code table} as {@code k -> "v @ writetime(v)"}, read at LOCAL_QUORUM. */
  static Map<Integer, String> withWritetimes(CqlSession session, String table) {
    Map<Integer, String> rows = new TreeMap<>();
    SimpleStatement select = SimpleStatement.newInstance(
            "SELECT k, v, WRITETIME(v) FROM " + Ring.KEYSPACE + "." + table)
        .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM);
    for (Row row : session.execute(select)) {
      rows.put(row.getInt(0), row.getString(1) + " @ " + row.getLong(2));
    }
    return rows;
  }
}
