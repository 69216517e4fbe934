package io.tandem.cli.it;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The application: one thread per client, each writing its own keys of {@code table (k int PRIMARY KEY, v text)}
 * and reading back the key it wrote just before. A failed request or a read that does not find what the same
 * client just wrote is an application error. A client can be paused while its instance restarts.
 */
final class Workload implements AutoCloseable {

  private static final int KEYS_PER_CLIENT = 1_000_000;
  private static final long PAUSE_BETWEEN_REQUESTS_MS = 5;

  private final String table;
  private final IntFunction<CqlSession> clients;
  private final List<Client> running = new ArrayList<>();
  private final AtomicLong written = new AtomicLong();
  private final AtomicInteger errors = new AtomicInteger();
  private final Queue<String> firstErrors = new ConcurrentLinkedQueue<>();

  /** {@code clients.apply(i)} is client {@code i}'s session now (it changes when its instance restarts). */
  Workload(String table, int clientCount, IntFunction<CqlSession> clients) {
    this.table = table;
    this.clients = clients;
    for (int i = 0; i < clientCount; i++) {
      running.add(new Client(i));
    }
  }

  void start() {
    running.forEach(Thread::start);
  }

  /** Client {@code i} stops sending and its current request finishes: its instance may go away. */
  void pause(int i) throws InterruptedException {
    running.get(i).hold();
  }

  /** Client {@code i} prepares its statements again on its (new) session and goes on. */
  void resume(int i) {
    running.get(i).release();
  }

  long written() {
    return written.get();
  }

  int errors() {
    return errors.get();
  }

  List<String> firstErrors() {
    return List.copyOf(firstErrors);
  }

  /** Waits until {@code more} further writes succeeded, at most {@code timeoutSeconds}. */
  void awaitMoreWrites(long more, long timeoutSeconds) throws InterruptedException {
    long target = written.get() + more;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (written.get() < target && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.forEach(Client::finish);
    for (Client client : running) {
      client.join(TimeUnit.SECONDS.toMillis(30));
    }
  }

  private void failed(String what) {
    errors.incrementAndGet();
    if (firstErrors.size() < 10) {
      firstErrors.add(what);
    }
  }

  /** One application thread. */
  private final class Client extends Thread {
    private final int index;
    private final Object lock = new Object();
    private boolean paused;
    private boolean idle;
    private volatile boolean finished;
    private int sequence;

    Client(int index) {
      super("fleet-client-" + index);
      this.index = index;
      setDaemon(true);
    }

    @Override
    public void run() {
      Statements statements = null;
      while (!finished) {
        if (awaitRunnable()) {
          statements = null;
        }
        if (finished) {
          return;
        }
        statements = statements != null ? statements : prepare();
        if (statements != null) {
          writeAndReadBack(statements);
        }
        pace();
      }
    }

    /** The statements on the client's current session, or null (an application error) if it cannot prepare. */
    private Statements prepare() {
      try {
        return new Statements(clients.apply(index));
      } catch (RuntimeException e) {
        failed("client " + index + " preparing: " + e);
        return null;
      }
    }

    private void writeAndReadBack(Statements statements) {
      int key = index * KEYS_PER_CLIENT + sequence++;
      String value = "v" + key;
      try {
        statements.session.execute(statements.insert.bind(key, value));
        written.incrementAndGet();
        Row row = statements.session.execute(statements.select.bind(key)).one();
        if (row == null || !value.equals(row.getString(0))) {
          failed("client " + index + " read " + (row == null ? "no row" : row.getString(0)) + " for key " + key);
        }
      } catch (RuntimeException e) {
        failed("client " + index + ": " + e);
      }
    }

    /** Blocks while paused; true when it was paused (the session may have changed). */
    private boolean awaitRunnable() {
      synchronized (lock) {
        boolean wasPaused = false;
        while (paused && !finished) {
          wasPaused = true;
          idle = true;
          lock.notifyAll();
          try {
            lock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return wasPaused;
          }
        }
        idle = false;
        return wasPaused;
      }
    }

    void hold() throws InterruptedException {
      synchronized (lock) {
        paused = true;
        while (!idle && isAlive()) {
          lock.wait(100);
        }
      }
    }

    void release() {
      synchronized (lock) {
        paused = false;
        lock.notifyAll();
      }
    }

    void finish() {
      finished = true;
      release();
    }

    private void pace() {
      try {
        Thread.sleep(PAUSE_BETWEEN_REQUESTS_MS);
      } catch (InterruptedException e) {
        finished = true;
      }
    }
  }

  /** A client's prepared statements on one session. */
  private final class Statements {
    final CqlSession session;
    final PreparedStatement insert;
    final PreparedStatement select;

    Statements(CqlSession session) {
      this.session = session;
      this.insert = session.prepare("INSERT INTO " + table + " (k, v) VALUES (?, ?)");
      this.select = session.prepare("SELECT v FROM " + table + " WHERE k = ?");
    }
  }
}
