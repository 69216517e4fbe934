package io.tandem.validator.internal.compare;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.validator.api.range.Partitioner;
import io.tandem.validator.internal.scan.ScanQuery;
import io.tandem.validator.internal.schema.ClusterCapabilities;
import io.tandem.validator.internal.schema.TableSchema;

/** Reads a table's schema on both clusters and checks that they can be compared. */
final class TableSetup {

  private TableSetup() {}

  /** The scan query of {@code keyspace.table}, after checking both clusters have the same table and partitioner. */
  static ScanQuery query(ValidationSettings settings, String table) {
    TableSchema source = readSchema(settings.source(), settings.keyspace(), table);
    TableSchema target = readSchema(settings.target(), settings.keyspace(), table);
    source.requireSameShape(target, settings.target().getName());
    Partitioner partitioner = Partitioner.of(settings.source());
    Partitioner targetPartitioner = Partitioner.of(settings.target());
    if (partitioner != targetPartitioner) {
      throw new IllegalArgumentException("The clusters use different partitioners (" + partitioner + " and "
          + targetPartitioner + "): rows would not line up by token");
    }
    // one query text for both sides: it must suit the older cluster
    return new ScanQuery(source, partitioner,
        ClusterCapabilities.readMultiCellMetadata(settings.source(), settings.target()));
  }

  /** Reads the schema, refreshing the driver's metadata once if the table is not known yet (it may be new). */
  private static TableSchema readSchema(CqlSession session, String keyspace, String table) {
    try {
      return TableSchema.read(session, keyspace, table);
    } catch (IllegalArgumentException notKnownYet) {
      session.refreshSchema();
      return TableSchema.read(session, keyspace, table);
    }
  }
}
