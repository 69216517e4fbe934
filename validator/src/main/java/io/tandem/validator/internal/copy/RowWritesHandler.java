package io.tandem.validator.internal.copy;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.validator.internal.schema.ColumnSchema;
import io.tandem.validator.internal.write.RowWritePlanner;
import java.util.List;

/** Copies a row's cells with the {@link RowWritePlanner}; static columns only with a partition's first row. */
final class RowWritesHandler implements RowHandler {

  private static final int RETRIES = 3;

  private final RowWritePlanner planner;
  private final TargetWriter writer;
  private final List<ColumnSchema> allColumns;
  private final List<ColumnSchema> regularColumns;

  RowWritesHandler(RowWritePlanner planner, TargetWriter writer) {
    this.planner = planner;
    this.writer = writer;
    this.allColumns = planner.query().schema().cells();
    this.regularColumns = allColumns.stream().filter(column -> !column.isStatic()).toList();
  }

  @Override
  public void handle(Row row, boolean firstOfPartition, InFlightWrites inFlight) throws InterruptedException {
    List<BoundStatement> writes = planner.writesFor(row, firstOfPartition ? allColumns : regularColumns);
    for (BoundStatement write : writes) {
      inFlight.submit(() -> writer.write(write, RETRIES));
    }
  }
}
