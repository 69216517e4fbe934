package io.tandem.validator.internal.compare;

import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.validator.internal.scan.PagedRows;
import io.tandem.validator.internal.scan.RowKey;
import io.tandem.validator.internal.scan.ScanQuery;
import java.math.BigInteger;

/** The current row of one side's scan, and whether it is the first row of its partition on that side. */
final class SideCursor {

  private final PagedRows rows;
  private final ScanQuery query;
  private final int partitionKeySize;
  private ScannedRow current;
  private RowKey previousKey;
  private long rowsRead;

  SideCursor(PagedRows rows, ScanQuery query) {
    this.rows = rows;
    this.query = query;
    this.partitionKeySize = query.schema().partitionKey().size();
    advance();
  }

  /** The current row, or null once the scan is over. */
  ScannedRow current() {
    return current;
  }

  /** The current row's token, or null once the scan is over. */
  BigInteger token() {
    return current == null ? null : current.key().token();
  }

  /** Hands out the current row and moves to the next one. */
  ScannedRow take() {
    ScannedRow taken = current;
    advance();
    return taken;
  }

  long rowsRead() {
    return rowsRead;
  }

  private void advance() {
    if (!rows.hasNext()) {
      current = null;
      return;
    }
    Row row = rows.next();
    rowsRead++;
    RowKey key = query.key(row);
    boolean startsPartition = previousKey == null || !key.samePartition(previousKey, partitionKeySize);
    previousKey = key;
    current = new ScannedRow(row, key, startsPartition);
  }

  /** A row as scanned, with its key. */
  record ScannedRow(Row row, RowKey key, boolean startsPartition) {}
}
