package io.tandem.validator.internal.compare;

import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.validator.api.validate.CellDifference;
import io.tandem.validator.api.validate.Mismatch;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.internal.scan.RowKey;
import io.tandem.validator.internal.scan.ScanException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The rows of one worker that differed when scanned, re-read on both sides once their recheck delay has passed
 * (a few at a time) and classified: converged, or a differing cell written after the scan start, is IN_FLIGHT;
 * anything else is a real mismatch. Not thread-safe: one per range job.
 */
final class Rechecks {

  private static final long IDLE_SLEEP_MILLIS = 10;

  private final TableContext context;
  private final Duration delay;
  private final int maxInFlight;
  private final ArrayDeque<Candidate> waiting = new ArrayDeque<>();
  private final List<Reading> inFlight = new ArrayList<>();

  Rechecks(TableContext context, Duration delay, int maxInFlight) {
    this.context = context;
    this.delay = delay;
    this.maxInFlight = maxInFlight;
  }

  /** Queues a row that differed just now. */
  void add(RowKey key, MismatchKind kind, List<CellDifference> cells, boolean withStatic) {
    waiting.add(new Candidate(key, kind, cells, withStatic, context.clock().instant(),
        System.nanoTime() + delay.toNanos()));
  }

  /** Classifies finished re-reads and starts due ones; never blocks. */
  void poll() {
    Iterator<Reading> readings = inFlight.iterator();
    while (readings.hasNext()) {
      Reading reading = readings.next();
      if (reading.rows.isDone()) {
        readings.remove();
        classify(reading.candidate, join(reading.rows));
      }
    }
    long now = System.nanoTime();
    while (inFlight.size() < maxInFlight && !waiting.isEmpty() && waiting.peek().dueNanos() - now <= 0) {
      Candidate candidate = waiting.poll();
      inFlight.add(new Reading(candidate, read(candidate)));
    }
  }

  /** Blocks until every queued row is classified. */
  void drain() {
    while (!waiting.isEmpty() || !inFlight.isEmpty()) {
      poll();
      if (!waiting.isEmpty() || !inFlight.isEmpty()) {
        sleep();
      }
    }
  }

  /** The smallest token still waiting for a verdict, or null: the range is not done below it. */
  BigInteger lowestPendingToken() {
    BigInteger lowest = waiting.isEmpty() ? null : waiting.peek().key().token();
    for (Reading reading : inFlight) {
      BigInteger token = reading.candidate.key().token();
      lowest = lowest == null ? token : lowest.min(token);
    }
    return lowest;
  }

  private CompletableFuture<Both> read(Candidate candidate) {
    CompletableFuture<Optional<Row>> source = context.sourceLookup().read(candidate.key()).toCompletableFuture();
    CompletableFuture<Optional<Row>> target = context.targetLookup().read(candidate.key()).toCompletableFuture();
    return source.thenCombine(target, Both::new);
  }

  private void classify(Candidate candidate, Both now) {
    context.collector().record(verdict(candidate, now));
  }

  private Mismatch verdict(Candidate candidate, Both now) {
    RowComparator comparator = context.comparator();
    if (now.source.isEmpty() && now.target.isEmpty()) {
      return context.mismatch(candidate.key(), MismatchKind.IN_FLIGHT, candidate.cells(), candidate.detectedAt());
    }
    List<CellDifference> cells;
    MismatchKind kind;
    if (now.source.isPresent() && now.target.isPresent()) {
      cells = comparator.differences(now.source.get(), now.target.get(), candidate.withStatic());
      if (cells.isEmpty()) {
        return context.mismatch(candidate.key(), MismatchKind.IN_FLIGHT, candidate.cells(), candidate.detectedAt());
      }
      kind = RowComparator.onlyWithinTolerance(cells) ? MismatchKind.WRITETIME_WITHIN_TOLERANCE : MismatchKind.MISMATCH;
    } else if (now.source.isPresent()) {
      cells = comparator.cellsOf(now.source.get(), true, candidate.withStatic());
      kind = MismatchKind.MISSING_IN_TARGET;
    } else {
      cells = comparator.cellsOf(now.target.get(), false, candidate.withStatic());
      kind = MismatchKind.MISSING_IN_SOURCE;
    }
    if (context.writtenSinceScanStart(cells)) {
      kind = MismatchKind.IN_FLIGHT;
    }
    return context.mismatch(candidate.key(), kind, cells, candidate.detectedAt());
  }

  private static Both join(CompletableFuture<Both> rows) {
    try {
      return rows.join();
    } catch (CompletionException e) {
      throw ScanException.of(e.getCause());
    }
  }

  private static void sleep() {
    try {
      TimeUnit.MILLISECONDS.sleep(IDLE_SLEEP_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScanException("Interrupted while rechecking", e, false);
    }
  }

  private record Both(Optional<Row> source, Optional<Row> target) {}

  private record Reading(Candidate candidate, CompletableFuture<Both> rows) {}
}
