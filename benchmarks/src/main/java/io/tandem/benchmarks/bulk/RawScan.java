package io.tandem.benchmarks.bulk;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.validator.api.range.Partitioner;
import io.tandem.validator.api.range.TokenRange;
import io.tandem.validator.internal.range.RangeRunner;
import io.tandem.validator.internal.range.RingSplitter;
import io.tandem.validator.internal.scan.PagedRows;
import io.tandem.validator.internal.scan.RangeReader;
import io.tandem.validator.internal.scan.ScanQuery;
import io.tandem.validator.api.range.ScanSettings;
import io.tandem.validator.internal.schema.TableSchema;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bound a validation can reach: both tables read at once, range by range, with the validator's own
 * projection, splits and concurrency, doing nothing with the rows but counting them.
 */
final class RawScan {

  private RawScan() {}

  /** Rows per second per side when both sides are scanned together. */
  static double rowsPerSecond(CqlSession source, CqlSession target, BulkTable table, int splits, int concurrency) {
    TableSchema schema = TableSchema.read(source, table.keyspace(), table.table());
    Partitioner partitioner = Partitioner.of(source);
    ScanQuery query = new ScanQuery(schema, partitioner);
    RangeReader sourceReader = new RangeReader(source, query, ScanSettings.DEFAULTS);
    RangeReader targetReader = new RangeReader(target, query, ScanSettings.DEFAULTS);
    List<TokenRange> ranges = RingSplitter.split(source, partitioner, splits);
    LongAdder rows = new LongAdder();
    long started = System.nanoTime();
    RangeRunner.RangeRunResult result = new RangeRunner(concurrency, "raw-scan", Duration.ofSeconds(1)).run(ranges,
        (range, progress) -> {
          PagedRows sourceRows = sourceReader.read(range);
          PagedRows targetRows = targetReader.read(range);
          while (sourceRows.hasNext() | targetRows.hasNext()) {
            if (sourceRows.hasNext()) {
              sourceRows.next();
              rows.increment();
            }
            if (targetRows.hasNext()) {
              targetRows.next();
            }
          }
        }, new io.tandem.validator.api.range.RangeListener() {});
    if (!result.isComplete()) {
      throw new IllegalStateException("The raw scan failed on " + result.failures());
    }
    return rows.sum() / ((System.nanoTime() - started) / 1e9);
  }
}
