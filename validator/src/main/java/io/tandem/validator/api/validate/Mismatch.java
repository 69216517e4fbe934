package io.tandem.validator.api.validate;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row that differs between the clusters.
 *
 * @param table      {@code keyspace.table}
 * @param token      the partition token
 * @param key        primary key columns in order, column name to CQL literal ({@code null} for the clustering
 *                   columns of a partition that only holds static columns)
 * @param kind       the classification after the recheck
 * @param cells      the differing cells (for a missing row: the cells of the side that has it)
 * @param detectedAt when the scan first saw the difference
 */
public record Mismatch(
    String table, BigInteger token, Map<String, String> key, MismatchKind kind, List<CellDifference> cells,
    Instant detectedAt) {

  public Mismatch {
    key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
    cells = List.copyOf(cells);
  }

  /** The key as {@code k=1, c='a'}, for messages. */
  public String keyText() {
    StringBuilder text = new StringBuilder();
    key.forEach((column, value) -> text.append(text.length() == 0 ? "" : ", ").append(column).append('=').append(value));
    return text.toString();
  }
}
