package io.tandem.validator.internal.repair;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.validator.api.range.Partitioner;
import io.tandem.validator.internal.compare.RowComparator;
import io.tandem.validator.internal.report.CqlLiterals;
import io.tandem.validator.internal.scan.RowLookup;
import io.tandem.validator.internal.scan.ScanQuery;
import io.tandem.validator.internal.schema.ClusterCapabilities;
import io.tandem.validator.internal.schema.TableSchema;
import io.tandem.validator.internal.write.RowWritePlanner;
import io.tandem.validator.internal.write.WriteTiming;

/** Everything a repair needs for one table, built once per table from the source's schema. */
record TableRepairContext(
    TableSchema schema, ScanQuery query, RowLookup sourceRows, RowLookup targetRows, RowWritePlanner writes,
    RowComparator comparator, CqlLiterals literals) {

  static TableRepairContext create(CqlSession source, CqlSession target, String table, RepairSettings settings) {
    int dot = table.indexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException("Ledger table '" + table + "' is not keyspace.table");
    }
    TableSchema schema = TableSchema.read(source, table.substring(0, dot), table.substring(dot + 1));
    schema.requireSameShape(TableSchema.read(target, table.substring(0, dot), table.substring(dot + 1)), "the target");
    if (schema.isCounterTable()) {
      throw new IllegalArgumentException("Table " + table + " holds counters, which carry no writetime: "
          + "repair them with a copy in CounterMode.ADD_DIFFERENCE instead");
    }
    ScanQuery query = new ScanQuery(schema, Partitioner.of(source),
        ClusterCapabilities.readMultiCellMetadata(source, target));
    CqlLiterals literals = CqlLiterals.of(source);
    return new TableRepairContext(schema, query,
        new RowLookup(source, query, settings.consistency(), settings.requestTimeout()),
        new RowLookup(target, query, settings.consistency(), settings.requestTimeout()),
        // every repaired cell has a writetime of its own; the fallback only serves a key-only row
        new RowWritePlanner(target, query, WriteTiming.preserve(settings.clock().millis() * 1000),
            settings.consistency()),
        new RowComparator(query, literals, false, null), literals);
  }
}
