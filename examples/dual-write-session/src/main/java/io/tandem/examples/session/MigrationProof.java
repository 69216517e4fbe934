package io.tandem.examples.session;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.core.api.Side;
import io.tandem.driver.api.DualWriteCqlSession;
import io.tandem.driver.api.ShadowReadStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks each cluster directly — through {@link DualWriteCqlSession#session(Side)}, not through the mirror —
 * whether both hold the same data: the rows of this run's customers on both sides, the {@code WRITETIME} of a
 * sample of orders, and nothing left owed in the failed-write log.
 */
public final class MigrationProof {

  private static final Logger LOG = LoggerFactory.getLogger(MigrationProof.class);
  private static final int SAMPLE_SIZE = 20;

  private MigrationProof() {}

  /** Logs the evidence and returns true when both clusters agree and the application saw no error. */
  public static boolean check(DualWriteCqlSession session, List<String> customers, List<UUID> placed,
      long applicationErrors) throws InterruptedException {
    CqlSession source = session.session(Side.SOURCE);
    CqlSession target = session.session(Side.TARGET);
    long sourceRows = countRows(source, customers);
    long targetRows = countRows(target, customers);
    // In ASYNC mode the last copies may still be on their way: give them a few seconds.
    for (int wait = 0; wait < 20 && (sourceRows != placed.size() || targetRows != placed.size()); wait++) {
      Thread.sleep(500);
      sourceRows = countRows(source, customers);
      targetRows = countRows(target, customers);
    }
    boolean countsEqual = sourceRows == placed.size() && targetRows == placed.size();
    LOG.info("Rows of this run in orders_by_customer: source {}, target {} (orders placed: {}) -> {}",
        sourceRows, targetRows, placed.size(), countsEqual ? "EQUAL" : "DIFFERENT");

    List<String> differences = new ArrayList<>();
    String example = "";
    for (UUID id : sample(placed)) {
      Long onSource = writetime(source, id);
      Long onTarget = writetime(target, id);
      if (onSource == null || !Objects.equals(onSource, onTarget)) {
        differences.add(id + " (source " + onSource + ", target " + onTarget + ")");
      } else if (example.isEmpty()) {
        example = " (e.g. order " + id + ": " + onSource + " on both)";
      }
    }
    boolean writetimesEqual = differences.isEmpty() && !placed.isEmpty();
    LOG.info("WRITETIME(status) of {} sampled orders: {}", sample(placed).size(),
        writetimesEqual ? "EQUAL on both clusters" + example : "DIFFERENT for " + differences);

    long owed = session.engine().failedWrites().pendingCount();
    ShadowReadStatistics shadow = session.shadowReads();
    LOG.info("Failed-write log: {} writes pending replay. Shadow reads: {} compared, {} mismatched, {} failed",
        owed, shadow.compared(), shadow.mismatched(), shadow.failed());
    LOG.info("Application errors: {}", applicationErrors);
    return countsEqual && writetimesEqual && owed == 0 && applicationErrors == 0;
  }

  private static long countRows(CqlSession cluster, List<String> customers) {
    PreparedStatement count = cluster.prepare("SELECT COUNT(*) FROM " + OrderRepository.KEYSPACE
        + ".orders_by_customer WHERE customer_id = ?");
    return customers.stream().mapToLong(customer -> cluster.execute(count.bind(customer)).one().getLong(0)).sum();
  }

  private static Long writetime(CqlSession cluster, UUID orderId) {
    Row row = cluster.execute("SELECT WRITETIME(status) FROM " + OrderRepository.KEYSPACE
        + ".orders WHERE order_id = ?", orderId).one();
    return row == null || row.isNull(0) ? null : row.getLong(0);
  }

  /** Up to {@value #SAMPLE_SIZE} orders spread evenly over the run, first and last included. */
  private static List<UUID> sample(List<UUID> placed) {
    if (placed.size() <= SAMPLE_SIZE) {
      return placed;
    }
    List<UUID> sample = new ArrayList<>();
    for (int i = 0; i < SAMPLE_SIZE; i++) {
      sample.add(placed.get((int) ((long) i * (placed.size() - 1) / (SAMPLE_SIZE - 1))));
    }
    return sample;
  }
}
