package io.tandem.validator.api.validate;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of validating one table.
 *
 * @param table          {@code keyspace.table}
 * @param sourceRows     rows read from the source
 * @param targetRows     rows read from the target
 * @param rowsCompared   rows present on both sides and compared cell by cell
 * @param counts         mismatches per kind (every kind present, zero when none)
 * @param mismatches     the first mismatches (at most the builder's {@code maxMismatchesInReport}); the ledger has all
 * @param failedRanges   ranges that could not be read
 * @param scanStart      when the scan started (cells written later are in flight)
 * @param duration       how long the table took
 * @param cancelled      {@link Validator#cancel()} stopped it: the figures cover only the rows read until then
 */
public record TableValidation(
    String table, long sourceRows, long targetRows, long rowsCompared, Map<MismatchKind, Long> counts,
    List<Mismatch> mismatches, List<FailedRange> failedRanges, Instant scanStart, Duration duration,
    boolean cancelled) {

  public TableValidation {
    EnumMap<MismatchKind, Long> all = new EnumMap<>(MismatchKind.class);
    for (MismatchKind kind : MismatchKind.values()) {
      all.put(kind, counts.getOrDefault(kind, 0L));
    }
    counts = java.util.Collections.unmodifiableMap(all);
    mismatches = List.copyOf(mismatches);
    failedRanges = List.copyOf(failedRanges);
  }

  public long count(MismatchKind kind) {
    return counts.get(kind);
  }

  /** Mismatches that are not {@link MismatchKind#IN_FLIGHT}. */
  public long realMismatches() {
    return count(MismatchKind.MISMATCH) + count(MismatchKind.MISSING_IN_TARGET) + count(MismatchKind.MISSING_IN_SOURCE);
  }

  /** No real mismatch, every range read, and not cancelled. */
  public boolean hasNoMismatches() {
    return realMismatches() == 0 && failedRanges.isEmpty() && !cancelled;
  }
}
