package io.tandem.validator.internal.compare;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.validator.api.validate.FailedRange;
import io.tandem.validator.api.validate.Mismatch;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.api.validate.TableValidation;
import io.tandem.validator.internal.report.MismatchLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gathers one table's outcome from all workers (thread-safe): row counts, mismatches per kind, the first ones
 * (real mismatches before in-flight ones), every one to the ledger, and the metrics.
 */
final class TableCollector {

  private final String table;
  private final int maxKept;
  private final MismatchLedger ledger;
  private final AtomicLong sourceRows = new AtomicLong();
  private final AtomicLong targetRows = new AtomicLong();
  private final AtomicLong rowsCompared = new AtomicLong();
  private final Map<MismatchKind, AtomicLong> counts = new EnumMap<>(MismatchKind.class);
  private final Map<MismatchKind, Counter> mismatchMeters = new EnumMap<>(MismatchKind.class);
  private final Counter sourceRowMeter;
  private final Counter targetRowMeter;
  private final List<Mismatch> realMismatches = new ArrayList<>();
  private final List<Mismatch> inFlight = new ArrayList<>();

  /** @param ledger where every mismatch is written, or null */
  TableCollector(String table, int maxKept, MismatchLedger ledger, MeterRegistry registry) {
    this.table = table;
    this.maxKept = maxKept;
    this.ledger = ledger;
    for (MismatchKind kind : MismatchKind.values()) {
      counts.put(kind, new AtomicLong());
      mismatchMeters.put(kind, registry.counter("tandem.validate.mismatches", "kind", kind.name(), "table", table));
    }
    this.sourceRowMeter = registry.counter("tandem.validate.rows", "side", "source", "table", table);
    this.targetRowMeter = registry.counter("tandem.validate.rows", "side", "target", "table", table);
  }

  void rowsRead(long source, long target) {
    sourceRows.addAndGet(source);
    targetRows.addAndGet(target);
    sourceRowMeter.increment(source);
    targetRowMeter.increment(target);
  }

  void compared(long rows) {
    rowsCompared.addAndGet(rows);
  }

  void record(Mismatch mismatch) {
    counts.get(mismatch.kind()).incrementAndGet();
    mismatchMeters.get(mismatch.kind()).increment();
    if (ledger != null) {
      ledger.write(mismatch);
    }
    synchronized (this) {
      // real mismatches are listed first; these explained ones fill what room is left
      if (mismatch.kind() == MismatchKind.IN_FLIGHT || mismatch.kind() == MismatchKind.WRITETIME_WITHIN_TOLERANCE) {
        if (inFlight.size() < maxKept) {
          inFlight.add(mismatch);
        }
      } else if (realMismatches.size() < maxKept) {
        realMismatches.add(mismatch);
      }
    }
  }

  long realMismatchCount() {
    return counts.get(MismatchKind.MISMATCH).get() + counts.get(MismatchKind.MISSING_IN_TARGET).get()
        + counts.get(MismatchKind.MISSING_IN_SOURCE).get();
  }

  synchronized List<Mismatch> kept() {
    List<Mismatch> kept = new ArrayList<>(realMismatches);
    inFlight.stream().limit(Math.max(0, maxKept - kept.size())).forEach(kept::add);
    return kept;
  }

  TableValidation finish(List<FailedRange> failedRanges, Instant scanStart, Duration duration, boolean cancelled) {
    Map<MismatchKind, Long> totals = new EnumMap<>(MismatchKind.class);
    counts.forEach((kind, count) -> totals.put(kind, count.get()));
    return new TableValidation(table, sourceRows.get(), targetRows.get(), rowsCompared.get(), totals, kept(),
        failedRanges, scanStart, duration, cancelled);
  }
}
