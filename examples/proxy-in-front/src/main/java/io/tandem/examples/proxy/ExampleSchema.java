package io.tandem.examples.proxy;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * The example's one table, {@code KEYSPACE.stock}: one partition per run, one row per item. Created on each
 * cluster directly, before the proxy starts, as in a real migration where the target's schema exists before
 * any write is mirrored to it. Runs reuse the keyspace and table when they exist.
 */
final class ExampleSchema {

  /** The table's name. */
  static final String TABLE = "stock";

  private ExampleSchema() {}

  /** Creates the keyspace (replication factor 1 in {@code datacenter}) and the table, unless they exist. */
  static void create(CqlSession session, String keyspace, String datacenter) {
    session.execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = "
        + "{'class': 'NetworkTopologyStrategy', '" + datacenter + "': 1}");
    session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + "." + TABLE + " (run_id uuid, item int, "
        + "product text, quantity int, counted_at timestamp, PRIMARY KEY (run_id, item))");
  }
}
