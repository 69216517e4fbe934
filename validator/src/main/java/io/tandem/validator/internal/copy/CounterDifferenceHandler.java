package io.tandem.validator.internal.copy;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.validator.internal.scan.RowLookup;
import io.tandem.validator.internal.schema.ColumnSchema;
import io.tandem.validator.internal.write.CounterWritePlanner;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the target's counters for each source row and adds the difference. Increments are not idempotent, so
 * they are never retried here: a failed one fails the range.
 */
final class CounterDifferenceHandler implements RowHandler {

  private final RowLookup targetLookup;
  private final CounterWritePlanner planner;
  private final TargetWriter writer;
  private final CopyMetrics metrics;
  private final List<ColumnSchema> allColumns;
  private final List<ColumnSchema> regularColumns;

  CounterDifferenceHandler(RowLookup targetLookup, CounterWritePlanner planner, TargetWriter writer,
      CopyMetrics metrics) {
    this.targetLookup = targetLookup;
    this.planner = planner;
    this.writer = writer;
    this.metrics = metrics;
    this.allColumns = targetLookup.query().schema().cells();
    this.regularColumns = allColumns.stream().filter(column -> !column.isStatic()).toList();
  }

  @Override
  public void handle(Row row, boolean firstOfPartition, InFlightWrites inFlight) throws InterruptedException {
    List<ColumnSchema> columns = firstOfPartition ? allColumns : regularColumns;
    // off the driver's I/O thread: planning may prepare a statement, a blocking call
    inFlight.submit(() -> targetLookup.read(targetLookup.query().key(row)).thenComposeAsync(target -> {
      Optional<BoundStatement> increment = planner.differenceFor(row, target, columns);
      if (increment.isEmpty()) {
        metrics.rowSkipped();
        return CompletableFuture.completedFuture(null);
      }
      return writer.write(increment.get(), 0);
    }));
  }
}
