package io.tandem.examples.copycli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The table the example copies, {@code orders}, and its history, written straight into the source the way
 * years of an application's writes leave it: each order at its own writetime over the last 90 days, one in four
 * with a TTL (7 to 30 days), and one in three with its {@code status} updated later, so a row holds cells of two
 * writetimes. The values are derived from the row's number (seeded), so a run can be repeated. At most 128
 * writes are in flight.
 */
final class OrderHistory {

  /** The table's name in the example's keyspace. */
  static final String TABLE = "orders";

  private static final int ORDERS_PER_CUSTOMER = 20;
  private static final int IN_FLIGHT = 128;
  private static final long MICROS_PER_DAY = TimeUnit.DAYS.toMicros(1);

  /** What was written. */
  record Loaded(int rows, int withTtl, int updated) {}

  private OrderHistory() {}

  /** Creates the keyspace (replication factor 1 in {@code datacenter}) and the table, on one cluster. */
  static void createSchema(CqlSession session, String keyspace, String datacenter) {
    session.execute("CREATE KEYSPACE " + keyspace + " WITH replication = {'class': 'NetworkTopologyStrategy', '"
        + datacenter + "': 1}");
    session.execute("CREATE TABLE " + keyspace + "." + TABLE + " (customer_id int, order_id int, status text, "
        + "total decimal, note text, PRIMARY KEY (customer_id, order_id))");
  }

  /** True when the keyspace exists on the cluster of {@code session}. */
  static boolean keyspaceExists(CqlSession session, String keyspace) {
    return session.execute("SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?",
        keyspace.toLowerCase(Locale.ROOT)).one() != null;
  }

  /** Writes {@code rows} orders into the source and waits for every write. */
  static Loaded load(CqlSession source, String keyspace, int rows) throws InterruptedException {
    // TTL 0 means "no TTL": one statement serves both kinds of row
    PreparedStatement insert = source.prepare("INSERT INTO " + keyspace + "." + TABLE
        + " (customer_id, order_id, status, total, note) VALUES (?, ?, ?, ?, ?) USING TIMESTAMP ? AND TTL ?");
    PreparedStatement update = source.prepare("UPDATE " + keyspace + "." + TABLE
        + " USING TIMESTAMP ? SET status = ? WHERE customer_id = ? AND order_id = ?");
    Writer writer = new Writer(source);
    Random random = new Random(42);
    long nowMicros = TimeUnit.MILLISECONDS.toMicros(Instant.now().toEpochMilli());
    int withTtl = 0;
    int updated = 0;
    for (int index = 0; index < rows; index++) {
      int customer = index / ORDERS_PER_CUSTOMER;
      int order = index % ORDERS_PER_CUSTOMER;
      long placedAt = nowMicros - (long) (random.nextDouble() * 90 * MICROS_PER_DAY);
      int ttl = index % 4 == 0 ? (int) Duration.ofDays(7 + random.nextInt(24)).toSeconds() : 0;
      withTtl += ttl > 0 ? 1 : 0;
      BigDecimal total = BigDecimal.valueOf(100 + random.nextInt(99_900), 2);
      writer.write(insert.bind(customer, order, "placed", total, "order " + index, placedAt, ttl));
      if (index % 3 == 0) {
        long shippedAt = Math.min(nowMicros, placedAt + (long) (random.nextDouble() * 3 * MICROS_PER_DAY));
        writer.write(update.bind(shippedAt, "shipped", customer, order));
        updated++;
      }
    }
    writer.awaitAll();
    return new Loaded(rows, withTtl, updated);
  }

  /** Asynchronous writes, at most {@value #IN_FLIGHT} at once; the first failure ends the load. */
  private static final class Writer {
    private final CqlSession session;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Writer(CqlSession session) {
      this.session = session;
    }

    void write(BoundStatement statement) throws InterruptedException {
      inFlight.acquire();
      if (failure.get() != null) {
        inFlight.release();
        throwIfFailed();
      }
      session.executeAsync(statement).whenComplete((result, error) -> {
        if (error != null) {
          failure.compareAndSet(null, error);
        }
        inFlight.release();
      });
    }

    void awaitAll() throws InterruptedException {
      inFlight.acquire(IN_FLIGHT);
      inFlight.release(IN_FLIGHT);
      throwIfFailed();
    }

    private void throwIfFailed() {
      Throwable error = failure.get();
      if (error != null) {
        throw new IllegalStateException("Loading the history into the source failed: " + error.getMessage(), error);
      }
    }
  }
}
