package io.tandem.validator.internal.compare;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.validator.api.range.TokenRange;
import io.tandem.validator.internal.range.RangeJob;
import io.tandem.validator.internal.range.RangeProgress;
import io.tandem.validator.internal.scan.ScanException;
import io.tandem.validator.internal.scan.ScanQuery;
import io.tandem.validator.api.range.ScanSettings;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the rows of each token range on both clusters with {@code SELECT count(*)}, adding up the totals. */
final class RangeCounter implements RangeJob {

  private final ScanQuery query;
  private final ScanSettings scanSettings;
  private final CqlSession source;
  private final CqlSession target;
  private final PreparedStatement sourceCount;
  private final PreparedStatement targetCount;
  private final AtomicLong sourceRows = new AtomicLong();
  private final AtomicLong targetRows = new AtomicLong();

  RangeCounter(ScanQuery query, ScanSettings scanSettings, CqlSession source, CqlSession target) {
    this.query = query;
    this.scanSettings = scanSettings;
    this.source = source;
    this.target = target;
    String cql = "SELECT count(*) FROM " + query.schema().qualifiedName() + " WHERE " + query.schema().tokenFunction()
        + " > ? AND " + query.schema().tokenFunction() + " <= ?";
    this.sourceCount = source.prepare(cql);
    this.targetCount = target.prepare(cql);
  }

  @Override
  public void run(TokenRange range, RangeProgress progress) {
    long sourceInRange = count(source, sourceCount, range);
    long targetInRange = count(target, targetCount, range);
    // added only once both sides are counted, so a retried range is never counted twice
    sourceRows.addAndGet(sourceInRange);
    targetRows.addAndGet(targetInRange);
    progress.rows(sourceInRange + targetInRange);
  }

  long sourceRows() {
    return sourceRows.get();
  }

  long targetRows() {
    return targetRows.get();
  }

  private long count(CqlSession session, PreparedStatement statement, TokenRange range) {
    try {
      Row row = session.execute(statement.bind(query.partitioner().toCql(range.start()),
              query.partitioner().toCql(range.end()))
          .setConsistencyLevel(scanSettings.consistency()).setTimeout(scanSettings.pageTimeout())).one();
      return row == null ? 0 : row.getLong(0);
    } catch (RuntimeException e) {
      throw ScanException.of(e);
    }
  }
}
