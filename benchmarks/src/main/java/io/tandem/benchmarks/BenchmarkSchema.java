package io.tandem.benchmarks;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's keyspace and its two tables of the shape {@code (id int PRIMARY KEY, v text)}: one the
 * read scenario reads (pre-loaded on the source) and one the write scenarios write (emptied at the
 * start of every run). The same schema is created on both clusters.
 */
public final class BenchmarkSchema {

  private static final Logger LOG = LoggerFactory.getLogger(BenchmarkSchema.class);
  private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(60);

  private final String keyspace;
  private final int replicationFactor;

  public BenchmarkSchema(String keyspace, int replicationFactor) {
    if (!keyspace.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("keyspace must match [a-z][a-z0-9_]*, got '" + keyspace + "'");
    }
    this.keyspace = keyspace;
    this.replicationFactor = replicationFactor;
  }

  public String keyspace() {
    return keyspace;
  }

  /** The query the read scenario repeats. */
  public String selectRow() {
    return "SELECT id, v FROM " + keyspace + ".read_rows WHERE id = ?";
  }

  /** The query the write scenarios repeat. */
  public String insertRow() {
    return "INSERT INTO " + keyspace + ".write_rows (id, v) VALUES (?, ?)";
  }

  /** The LWT the LWT scenario repeats, on the written table. */
  public String insertRowIfNotExists() {
    return insertRow() + " IF NOT EXISTS";
  }

  /** Creates the keyspace and tables if missing and empties the written table. */
  public void create(CqlSession session, String datacenter) {
    run(session, "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = "
        + "{'class': 'NetworkTopologyStrategy', '" + datacenter + "': " + replicationFactor + "}");
    run(session, "CREATE TABLE IF NOT EXISTS " + keyspace + ".read_rows (id int PRIMARY KEY, v text)");
    run(session, "CREATE TABLE IF NOT EXISTS " + keyspace + ".write_rows (id int PRIMARY KEY, v text)");
    run(session, "TRUNCATE " + keyspace + ".write_rows");
  }

  private static void run(CqlSession session, String cql) {
    session.execute(SimpleStatement.newInstance(cql).setTimeout(SCHEMA_TIMEOUT));
  }

  /** Writes rows {@code 0 .. rows-1} of the read table, {@code concurrency} at a time. */
  public void preloadReadRows(CqlSession session, int rows, String value, int concurrency)
      throws InterruptedException {
    LOG.info("Loading {} rows into {}.read_rows on the source", rows, keyspace);
    PreparedStatement insert =
        session.prepare("INSERT INTO " + keyspace + ".read_rows (id, v) VALUES (?, ?)");
    Semaphore permits = new Semaphore(concurrency);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int id = 0; id < rows && failure.get() == null; id++) {
      permits.acquire();
      session.executeAsync(insert.bind(id, value)).whenComplete((ignored, error) -> {
        if (error != null) {
          failure.compareAndSet(null, error);
        }
        permits.release();
      });
    }
    permits.acquire(concurrency);
    permits.release(concurrency);
    if (failure.get() != null) {
      throw new IllegalStateException("Loading the rows to read failed: " + failure.get(), failure.get());
    }
  }
}
