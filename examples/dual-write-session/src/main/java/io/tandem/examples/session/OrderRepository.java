package io.tandem.examples.session;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The data access of a small order service, written against a plain {@link CqlSession} as any application
 * would be: prepared statements, a logged batch that keeps two denormalized tables in step, an update and a
 * read. Nothing in it knows about the migration.
 */
public final class OrderRepository {

  /** The keyspace of the example's tables. */
  public static final String KEYSPACE = "tandem_example";

  private final CqlSession session;
  private final PreparedStatement insertOrder;
  private final PreparedStatement insertByCustomer;
  private final PreparedStatement updateStatus;
  private final PreparedStatement selectById;

  /** One order. */
  public record Order(UUID id, String customerId, BigDecimal amount, String status, Instant createdAt) {}

  /** Prepares the statements; the schema must exist ({@link #createSchema}). */
  public OrderRepository(CqlSession session) {
    this.session = session;
    this.insertOrder = session.prepare("INSERT INTO " + KEYSPACE + ".orders"
        + " (order_id, customer_id, amount, status, created_at) VALUES (?, ?, ?, ?, ?)");
    this.insertByCustomer = session.prepare("INSERT INTO " + KEYSPACE + ".orders_by_customer"
        + " (customer_id, order_id, amount) VALUES (?, ?, ?)");
    this.updateStatus = session.prepare("UPDATE " + KEYSPACE + ".orders SET status = ? WHERE order_id = ?");
    this.selectById = session.prepare("SELECT order_id, customer_id, amount, status, created_at FROM "
        + KEYSPACE + ".orders WHERE order_id = ?");
  }

  /**
   * Creates the keyspace (replication factor 1 in every data center, unless it already exists) and the
   * tables. Through a {@code DualWriteCqlSession} this reaches both clusters.
   */
  public static void createSchema(CqlSession session) {
    session.execute("CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE + " WITH replication ="
        + " {'class': 'NetworkTopologyStrategy', 'replication_factor': 1}");
    session.execute("CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".orders (order_id uuid PRIMARY KEY,"
        + " customer_id text, amount decimal, status text, created_at timestamp)");
    session.execute("CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".orders_by_customer (customer_id text,"
        + " order_id uuid, amount decimal, PRIMARY KEY (customer_id, order_id))");
  }

  /** Stores a new order in both tables at once (logged batch). */
  public void place(Order order) {
    session.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED,
        insertOrder.bind(order.id(), order.customerId(), order.amount(), order.status(), order.createdAt()),
        insertByCustomer.bind(order.customerId(), order.id(), order.amount())));
  }

  /** Changes the status of an order. */
  public void updateStatus(UUID orderId, String status) {
    session.execute(updateStatus.bind(status, orderId));
  }

  /** Reads one order. */
  public Optional<Order> findById(UUID orderId) {
    Row row = session.execute(selectById.bind(orderId)).one();
    return Optional.ofNullable(row).map(r -> new Order(r.getUuid("order_id"), r.getString("customer_id"),
        r.getBigDecimal("amount"), r.getString("status"), r.getInstant("created_at")));
  }
}
