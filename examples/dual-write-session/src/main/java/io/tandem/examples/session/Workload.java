package io.tandem.examples.session;

import io.tandem.examples.session.OrderRepository.Order;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The traffic of the order service while it migrates: writer threads place orders (batch), read each one
 * back and mark some paid; a reader thread keeps reading orders placed earlier. Every exception is an
 * application error, counted and logged.
 */
public final class Workload {

  private static final Logger LOG = LoggerFactory.getLogger(Workload.class);

  private final OrderRepository orders;
  private final List<String> customers;
  private final List<UUID> placed = new ArrayList<>();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong readMisses = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final List<Thread> writers = new ArrayList<>();
  private final Thread reader;
  private volatile boolean writing = true;
  private volatile boolean running = true;

  private Workload(OrderRepository orders, List<String> customers, int writerCount) {
    this.orders = orders;
    this.customers = List.copyOf(customers);
    for (int i = 0; i < writerCount; i++) {
      writers.add(new Thread(this::writeLoop, "order-writer-" + i));
    }
    this.reader = new Thread(this::readLoop, "order-reader");
  }

  /** Starts {@code writerCount} writer threads and one reader thread. */
  public static Workload start(OrderRepository orders, List<String> customers, int writerCount) {
    Workload workload = new Workload(orders, customers, writerCount);
    workload.writers.forEach(Thread::start);
    workload.reader.start();
    return workload;
  }

  private void writeLoop() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (writing) {
      Order order = new Order(UUID.randomUUID(), customers.get(random.nextInt(customers.size())),
          BigDecimal.valueOf(random.nextInt(100, 100_000), 2), "NEW", Instant.now().truncatedTo(ChronoUnit.MILLIS));
      if (attempt("place " + order.id(), () -> orders.place(order))) {
        synchronized (placed) {
          placed.add(order.id());
        }
        attempt("read back " + order.id(), () -> read(order.id()));
        if (random.nextInt(3) == 0 && attempt("pay " + order.id(), () -> orders.updateStatus(order.id(), "PAID"))) {
          updates.incrementAndGet();
        }
      }
      pause(5);
    }
  }

  private void readLoop() {
    while (running) {
      UUID id;
      synchronized (placed) {
        id = placed.isEmpty() ? null : placed.get(ThreadLocalRandom.current().nextInt(placed.size()));
      }
      if (id != null) {
        attempt("read " + id, () -> read(id));
      }
      pause(2);
    }
  }

  private void read(UUID id) {
    reads.incrementAndGet();
    if (orders.findById(id).isEmpty() && readMisses.incrementAndGet() <= 5) {
      LOG.warn("Order {} was written but the read did not find it (expected in ASYNC mode while reads are on"
          + " the target and the source is primary: the copy may not have arrived yet)", id);
    }
  }

  private boolean attempt(String what, Runnable operation) {
    try {
      operation.run();
      return true;
    } catch (RuntimeException e) {
      if (errors.incrementAndGet() <= 5) {
        LOG.error("Application error on {}", what, e);
      }
      return false;
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops placing orders and waits for the writers; reads go on until {@link #stop()}. */
  public void stopWriting() throws InterruptedException {
    writing = false;
    for (Thread writer : writers) {
      writer.join();
    }
  }

  /** Stops everything and waits for the threads. */
  public void stop() throws InterruptedException {
    running = false;
    stopWriting();
    reader.join();
  }

  /** The orders whose write succeeded, oldest first. */
  public List<UUID> placedOrders() {
    synchronized (placed) {
      return List.copyOf(placed);
    }
  }

  /** A one-line summary of the traffic so far. */
  public String summary() {
    return placedOrders().size() + " orders placed, " + updates.get() + " paid, " + reads.get() + " reads ("
        + readMisses.get() + " missed), " + errors.get() + " application errors";
  }

  public long errors() {
    return errors.get();
  }

  public long readMisses() {
    return readMisses.get();
  }
}
