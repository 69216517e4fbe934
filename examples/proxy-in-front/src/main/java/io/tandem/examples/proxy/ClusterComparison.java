package io.tandem.examples.proxy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The proof, asked of each cluster directly (not through the proxy): the run's rows with their values,
 * {@code counted_at} and the {@code WRITETIME} of each column, which must be the same on both clusters.
 *
 * @param sourceRows the run's rows on the source
 * @param targetRows the run's rows on the target
 * @param equalRows rows present on both with equal values and writetimes
 * @param differing items missing on one side or different, at most 10
 * @param example a row present on both, preferably a recounted one, or {@code null}
 */
record ClusterComparison(int sourceRows, int targetRows, int equalRows, List<Integer> differing, RowImage example) {

  /**
   * One row as stored, writetimes included.
   *
   * @param item the clustering key
   * @param product the product name
   * @param quantity the quantity
   * @param countedAt when it was recounted, or {@code null}
   * @param productWritetime {@code WRITETIME(product)}, microseconds
   * @param quantityWritetime {@code WRITETIME(quantity)}, microseconds
   */
  record RowImage(int item, String product, int quantity, Instant countedAt, long productWritetime,
      long quantityWritetime) {}

  /** True when both clusters hold the same rows, values and writetimes, and at least one row. */
  boolean equal() {
    return sourceRows > 0 && sourceRows == targetRows && equalRows == sourceRows && differing.isEmpty();
  }

  /** Reads the run's partition from each cluster and compares them row by row. */
  static ClusterComparison of(CqlSession source, CqlSession target, String keyspace, UUID runId) {
    Map<Integer, RowImage> onSource = rows(source, keyspace, runId);
    Map<Integer, RowImage> onTarget = rows(target, keyspace, runId);
    int equal = 0;
    List<Integer> differing = new ArrayList<>();
    RowImage example = null;
    Map<Integer, RowImage> all = new TreeMap<>(onSource);
    onTarget.forEach(all::putIfAbsent);
    for (Integer item : all.keySet()) {
      RowImage sourceRow = onSource.get(item);
      if (sourceRow != null && Objects.equals(sourceRow, onTarget.get(item))) {
        equal++;
        if (example == null || example.countedAt() == null) {
          example = sourceRow;
        }
      } else if (differing.size() < 10) {
        differing.add(item);
      }
    }
    return new ClusterComparison(onSource.size(), onTarget.size(), equal, List.copyOf(differing), example);
  }

  private static Map<Integer, RowImage> rows(CqlSession session, String keyspace, UUID runId) {
    Map<Integer, RowImage> rows = new TreeMap<>();
    for (Row row : session.execute("SELECT item, product, quantity, counted_at, WRITETIME(product), "
        + "WRITETIME(quantity) FROM " + keyspace + "." + ExampleSchema.TABLE + " WHERE run_id = ?", runId)) {
      RowImage image = new RowImage(row.getInt(0), row.getString(1), row.getInt(2), row.getInstant(3),
          row.getLong(4), row.getLong(5));
      rows.put(image.item(), image);
    }
    return rows;
  }
}
