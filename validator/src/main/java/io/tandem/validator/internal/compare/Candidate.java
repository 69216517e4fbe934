package io.tandem.validator.internal.compare;

import io.tandem.validator.api.validate.CellDifference;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.internal.scan.RowKey;
import java.time.Instant;
import java.util.List;

/**
 * A row that differed when scanned, waiting for its recheck.
 *
 * @param withStatic whether the static cells were compared on this row (it speaks for its partition)
 * @param dueNanos   {@link System#nanoTime()} at which to re-read it
 */
record Candidate(RowKey key, MismatchKind kind, List<CellDifference> cells, boolean withStatic, Instant detectedAt,
    long dueNanos) {}
