package io.tandem.benchmarks.bulk;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.validator.api.range.RawRingScan;

/**
 * The bound a validation can reach: both tables read at once, range by range, with the validator's own
 * projection, splits and concurrency, doing nothing with the rows but counting them ({@link RawRingScan}).
 */
final class RawScan {

  private RawScan() {}

  /** Rows per second per side when both sides are scanned together. */
  static double rowsPerSecond(CqlSession source, CqlSession target, BulkTable table, int splits, int concurrency) {
    return RawRingScan.builder().withSource(source).withTarget(target).forTable(table.keyspace(), table.table())
        .withSplits(splits).withConcurrency(concurrency).run().sourceRowsPerSecond();
  }
}
