package io.tandem.validator.internal.compare;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.validator.api.validate.CellDifference;
import io.tandem.validator.api.validate.Mismatch;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.internal.report.CqlLiterals;
import io.tandem.validator.internal.report.MismatchLedger;
import io.tandem.validator.internal.scan.RowKey;
import io.tandem.validator.internal.scan.RowLookup;
import io.tandem.validator.internal.scan.ScanQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What every worker validating one table shares: the query, both clusters' point lookups, the comparator, where
 * mismatches go, the scan start (in microseconds, the unit of WRITETIME) that separates in-flight writes, and
 * the validation's clock, which dates each difference when it is seen.
 */
record TableContext(
    ScanQuery query, RowLookup sourceLookup, RowLookup targetLookup, RowComparator comparator, CqlLiterals literals,
    TableCollector collector, long scanStartMicros, Clock clock) {

  /** The context of validating {@code query}'s table; mismatches also go to {@code ledger} unless it is null. */
  static TableContext create(ValidationSettings settings, ScanQuery query, Instant scanStart, MismatchLedger ledger) {
    CqlLiterals literals = CqlLiterals.of(settings.source());
    RowComparator comparator =
        new RowComparator(query, literals, settings.compareWritetimes(), settings.ttlTolerance(),
            settings.writetimeTolerance());
    TableCollector collector = new TableCollector(query.schema().displayName(), settings.maxMismatchesInReport(),
        ledger, settings.meterRegistry());
    return new TableContext(query, lookup(settings, settings.source(), query), lookup(settings, settings.target(), query),
        comparator, literals, collector, ChronoUnit.MICROS.between(Instant.EPOCH, scanStart), settings.clock());
  }

  private static RowLookup lookup(ValidationSettings settings, CqlSession session, ScanQuery query) {
    return new RowLookup(session, query, settings.scanSettings().consistency(), settings.scanSettings().pageTimeout());
  }

  String tableName() {
    return query.schema().displayName();
  }

  int partitionKeySize() {
    return query.schema().partitionKey().size();
  }

  Mismatch mismatch(RowKey key, MismatchKind kind, List<CellDifference> cells, Instant detectedAt) {
    return new Mismatch(tableName(), key.token(), literals.formatKey(query.schema(), key), kind, cells, detectedAt);
  }

  /** True when a cell of {@code cells} was written on either side after the scan started. */
  boolean writtenSinceScanStart(List<CellDifference> cells) {
    return cells.stream().anyMatch(cell -> cell.newestWritetime() != null && cell.newestWritetime() > scanStartMicros);
  }
}
