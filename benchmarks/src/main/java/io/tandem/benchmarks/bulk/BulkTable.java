package io.tandem.benchmarks.bulk;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The table the bulk benchmark copies and validates: one row per {@code id}, three regular columns of about
 * {@code valueSize} bytes in all, each row written with its own fixed timestamp so that loading the same
 * rows on both clusters leaves them identical, WRITETIME included.
 */
final class BulkTable {

  private final String keyspace;
  private final String table;
  private final String value;

  BulkTable(String keyspace, String table, int valueSize) {
    this.keyspace = keyspace;
    this.table = table;
    this.value = "v".repeat(Math.max(1, valueSize));
  }

  String keyspace() {
    return keyspace;
  }

  String table() {
    return table;
  }

  void create(CqlSession session) {
    session.execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    session.execute("CREATE TABLE IF NOT EXISTS " + keyspace + "." + table
        + " (id bigint PRIMARY KEY, name text, amount int, payload text)");
  }

  void truncate(CqlSession session) {
    session.execute("TRUNCATE " + keyspace + "." + table);
  }

  /**
   * Writes rows {@code [from, to)} with {@code concurrency} requests in flight and returns rows per second.
   */
  double load(CqlSession session, long from, long to, int concurrency) throws InterruptedException {
    PreparedStatement insert = session.prepare("INSERT INTO " + keyspace + "." + table
        + " (id, name, amount, payload) VALUES (?, ?, ?, ?) USING TIMESTAMP ?");
    Semaphore permits = new Semaphore(concurrency);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long started = System.nanoTime();
    for (long id = from; id < to && failure.get() == null; id++) {
      permits.acquire();
      session.executeAsync(insert.bind(id, "name-" + id, (int) (id % 100_000), value, 1_600_000_000_000_000L + id))
          .whenComplete((result, error) -> {
            if (error != null) {
              failure.compareAndSet(null, error);
            }
            permits.release();
          });
    }
    permits.acquire(concurrency);
    if (failure.get() != null) {
      throw new IllegalStateException("Loading " + keyspace + "." + table + " failed", failure.get());
    }
    return (to - from) / ((System.nanoTime() - started) / 1e9);
  }
}
