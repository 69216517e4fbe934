package io.tandem.validator.internal.copy;

import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.validator.api.range.TokenRange;
import io.tandem.validator.internal.range.RangeJob;
import io.tandem.validator.internal.range.RangeProgress;
import io.tandem.validator.internal.range.RowThrottle;
import io.tandem.validator.internal.scan.PagedRows;
import io.tandem.validator.internal.scan.RangeReader;
import io.tandem.validator.internal.scan.RowKey;
import io.tandem.validator.internal.scan.ScanQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one token range: reads its rows in token order and hands each to a {@link RowHandler}, with a bounded
 * number of writes in flight. A token is reported complete only once every partition up to it was fully read and
 * all of its writes were acknowledged: every {@code claimEvery} rows, when the scan moves on to a new token, it
 * waits for the writes in flight and claims the token before it. So a resume never skips an unwritten row.
 */
final class CopyRangeJob implements RangeJob {

  private static final Logger LOG = LoggerFactory.getLogger(CopyRangeJob.class);

  private final RangeReader reader;
  private final RowHandler handler;
  private final RowThrottle throttle;
  private final CopyMetrics metrics;
  private final int maxInFlightWrites;
  private final int claimEvery;

  CopyRangeJob(RangeReader reader, RowHandler handler, RowThrottle throttle, CopyMetrics metrics,
      int maxInFlightWrites, int claimEvery) {
    this.reader = reader;
    this.handler = handler;
    this.throttle = throttle;
    this.metrics = metrics;
    this.maxInFlightWrites = maxInFlightWrites;
    this.claimEvery = claimEvery;
  }

  @Override
  public void run(TokenRange range, RangeProgress progress) throws Exception {
    LOG.debug("Copying range {}", range);
    ScanQuery query = reader.query();
    int partitionKeySize = query.schema().partitionKey().size();
    InFlightWrites inFlight = new InFlightWrites(maxInFlightWrites);
    PagedRows rows = reader.read(range);
    RowKey previousKey = null;
    long rowsSinceClaim = 0;
    while (rows.hasNext()) {
      Row row = rows.next();
      RowKey key = query.key(row);
      boolean newToken = previousKey != null && !key.token().equals(previousKey.token());
      if (newToken && (progress.isCancelled() || rowsSinceClaim >= claimEvery)) {
        inFlight.drain();
        progress.rows(rowsSinceClaim);
        progress.completedThrough(previousKey.token());
        rowsSinceClaim = 0;
        if (progress.isCancelled()) {
          LOG.debug("Copy of range {} cancelled after token {}", range, previousKey.token());
          return;
        }
      }
      inFlight.throwIfFailed();
      throttle.acquire(1);
      boolean firstOfPartition = previousKey == null || !key.samePartition(previousKey, partitionKeySize);
      handler.handle(row, firstOfPartition, inFlight);
      metrics.rowRead();
      rowsSinceClaim++;
      previousKey = key;
    }
    inFlight.drain();
    progress.rows(rowsSinceClaim);
    progress.completedThrough(range.end());
    LOG.debug("Copied range {}: {} rows", range, rows.rowsRead());
  }
}
