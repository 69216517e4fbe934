package io.tandem.examples.proxy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The application: ordinary driver-4 code on a plain {@link CqlSession} whose only contact point is the proxy.
 * It does not know there are two clusters. It stocks items with a prepared {@code INSERT}, recounts every
 * tenth with a simple {@code UPDATE ... counted_at = currentTimestamp()}, and reads everything back.
 */
final class InventoryApplication {

  /** Every how many items one is recounted. */
  static final int RECOUNT_EVERY = 10;

  private final CqlSession session;
  private final String table;
  private final UUID runId;
  private final Map<Integer, Stock> written = new TreeMap<>();
  private final PreparedStatement insert;
  private final PreparedStatement select;

  /** One item's row as the application wrote it. */
  record Stock(String product, int quantity) {}

  /**
   * What one pass of reads found.
   *
   * @param expected the rows the application wrote
   * @param found the rows a read returned
   * @param equal the rows returned with the values written
   */
  record Reads(int expected, int found, int equal) {
    boolean allEqual() {
      return expected == equal && found == expected;
    }
  }

  InventoryApplication(CqlSession session, String keyspace, UUID runId) {
    this.session = session;
    this.table = keyspace + "." + ExampleSchema.TABLE;
    this.runId = runId;
    this.insert = session.prepare("INSERT INTO " + table + " (run_id, item, product, quantity) VALUES (?, ?, ?, ?)");
    this.select = session.prepare("SELECT product, quantity FROM " + table + " WHERE run_id = ? AND item = ?");
  }

  /** Stocks items 1 to {@code items}, then recounts every tenth to 0; returns how many were recounted. */
  int write(int items) {
    for (int item = 1; item <= items; item++) {
      Stock stock = new Stock("product-" + item, item * 3);
      session.execute(insert.bind(runId, item, stock.product(), stock.quantity()));
      written.put(item, stock);
    }
    int recounted = 0;
    for (int item = RECOUNT_EVERY; item <= items; item += RECOUNT_EVERY) {
      // a simple statement without bound values: the proxy turns currentTimestamp() into one literal, so both
      // clusters store the same counted_at
      session.execute("UPDATE " + table + " SET quantity = 0, counted_at = currentTimestamp() WHERE run_id = "
          + runId + " AND item = " + item);
      written.put(item, new Stock(written.get(item).product(), 0));
      recounted++;
    }
    return recounted;
  }

  /** Reads every row written, one by one, and compares it with what was written. */
  Reads readBack() {
    int found = 0;
    int equal = 0;
    for (Map.Entry<Integer, Stock> entry : written.entrySet()) {
      Row row = session.execute(select.bind(runId, entry.getKey())).one();
      if (row != null) {
        found++;
        if (Objects.equals(new Stock(row.getString("product"), row.getInt("quantity")), entry.getValue())) {
          equal++;
        }
      }
    }
    return new Reads(written.size(), found, equal);
  }
}
