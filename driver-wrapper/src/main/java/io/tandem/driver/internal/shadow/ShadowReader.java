package io.tandem.driver.internal.shadow;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.core.api.Side;
import io.tandem.driver.api.ShadowReadConfig;
import io.tandem.driver.api.ShadowReadStatistics;
import io.tandem.driver.internal.routing.StatementTranslator;
import io.tandem.driver.internal.routing.Statements;
import io.tandem.driver.internal.shadow.RowComparison.Difference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shadow reads: a sample of reads runs again on both clusters in the background and the answers are
 * compared, to find divergence before cutover. The caller's own read is untouched (no added latency); a
 * sampled read beyond {@code maxInFlight} is skipped rather than queued. A write landing between the two
 * background reads can show as a difference: read the figures as a rate, not as proof.
 */
public final class ShadowReader implements ShadowReadStatistics {

  private static final Logger LOG = LoggerFactory.getLogger(ShadowReader.class);
  private static final long WARNING_INTERVAL_NANOS = 1_000_000_000L;

  private final ShadowReadConfig config;
  private final StatementTranslator translator;
  private final Function<Side, CqlSession> sessions;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);
  private final LongAdder compared = new LongAdder();
  private final LongAdder mismatched = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final Counter matchCounter;
  private final Counter mismatchCounter;
  private final Counter failedCounter;

  public ShadowReader(ShadowReadConfig config, StatementTranslator translator,
      Function<Side, CqlSession> sessions, MeterRegistry registry) {
    this.config = config;
    this.translator = translator;
    this.sessions = sessions;
    this.matchCounter = counter(registry, "match");
    this.mismatchCounter = counter(registry, "mismatch");
    this.failedCounter = counter(registry, "failed");
  }

  private static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder("tandem.shadow_reads").tag("outcome", outcome)
        .description("Sampled reads run on both clusters and compared").register(registry);
  }

  /** Shadows the read with the configured probability. Never throws, never blocks. */
  public void maybeShadow(Statement<?> statement, Side servedSide) {
    if (!config.enabled() || ThreadLocalRandom.current().nextDouble() >= config.ratio()) {
      return;
    }
    if (inFlight.incrementAndGet() > config.maxInFlight()) {
      inFlight.decrementAndGet();
      skipped.increment();
      return;
    }
    CompletableFuture<AsyncResultSet> served = firstPage(servedSide, statement);
    CompletableFuture<AsyncResultSet> other = firstPage(servedSide.other(), statement);
    served.thenCombine(other, (servedRows, otherRows) -> compare(servedSide, servedRows, otherRows))
        .whenComplete((differences, error) -> {
          inFlight.decrementAndGet();
          record(statement, servedSide, differences, error);
        });
  }

  private CompletableFuture<AsyncResultSet> firstPage(Side side, Statement<?> statement) {
    CqlSession session = sessions.apply(side);
    return translator.to(side, statement).thenCompose(session::executeAsync).toCompletableFuture();
  }

  private List<Difference> compare(Side servedSide, AsyncResultSet served, AsyncResultSet other) {
    return RowComparison.compare(rows(served), rows(other), keyColumns(servedSide, served.getColumnDefinitions()));
  }

  private List<Row> rows(AsyncResultSet result) {
    List<Row> rows = new ArrayList<>();
    for (Row row : result.currentPage()) {
      if (rows.size() == config.maxRows()) {
        break;
      }
      rows.add(row);
    }
    return rows;
  }

  /** The table's primary key when the read selected all of it; else empty (rows match by content). */
  private List<CqlIdentifier> keyColumns(Side side, ColumnDefinitions columns) {
    if (columns.size() == 0) {
      return List.of();
    }
    List<ColumnMetadata> primaryKey = sessions.apply(side).getMetadata()
        .getKeyspace(columns.get(0).getKeyspace())
        .flatMap(keyspace -> keyspace.getTable(columns.get(0).getTable()))
        .map(TableMetadata::getPrimaryKey)
        .orElse(List.of());
    List<CqlIdentifier> key = new ArrayList<>();
    for (ColumnMetadata column : primaryKey) {
      if (!columns.contains(column.getName())) {
        return List.of();
      }
      key.add(column.getName());
    }
    return key;
  }

  private void record(Statement<?> statement, Side servedSide, List<Difference> differences, Throwable error) {
    if (error != null) {
      failed.increment();
      failedCounter.increment();
      LOG.debug("Shadow read failed, not compared: {}", error.toString());
      return;
    }
    compared.increment();
    if (differences.isEmpty()) {
      matchCounter.increment();
      return;
    }
    mismatched.increment();
    mismatchCounter.increment();
    Difference first = differences.get(0);
    long now = System.nanoTime();
    long last = lastWarning.get();
    boolean warn = now - last >= WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now);
    String message = "Shadow read differs between {} (serving) and {}: {} row(s); first: {} [{}] {}. Query: {}";
    Object[] arguments = {servedSide, servedSide.other(), differences.size(), first.kind(), first.key(),
        first.columns().isEmpty() ? "" : "columns " + first.columns(), Statements.queryOf(statement)};
    if (warn) {
      LOG.warn(message + " (at most one such warning per second; see tandem.shadow_reads)", arguments);
    } else {
      LOG.debug(message, arguments);
    }
  }

  @Override
  public long compared() {
    return compared.sum();
  }

  @Override
  public long mismatched() {
    return mismatched.sum();
  }

  @Override
  public long failed() {
    return failed.sum();
  }

  @Override
  public long skipped() {
    return skipped.sum();
  }
}
