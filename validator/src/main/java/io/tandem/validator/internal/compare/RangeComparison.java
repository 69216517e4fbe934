package io.tandem.validator.internal.compare;

import io.tandem.validator.api.range.TokenRange;
import io.tandem.validator.api.validate.CellDifference;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.internal.compare.SideCursor.ScannedRow;
import io.tandem.validator.internal.range.RangeJob;
import io.tandem.validator.internal.range.RangeProgress;
import io.tandem.validator.internal.range.RowThrottle;
import io.tandem.validator.internal.scan.RangeReader;
import io.tandem.validator.internal.scan.RowKey;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two-sided diff of one token range: both sides scanned in token order and merge-joined by row key. Rows of
 * the same token that have no partner yet wait in a pending map per side; once both scans are past their token
 * they are missing on the other side. Memory grows with the divergence, not with the table.
 */
final class RangeComparison implements RangeJob {

  private static final int REPORT_EVERY_ROWS = 256;
  private static final int RECHECKS_IN_FLIGHT = 4;

  private final TableContext context;
  private final RangeReader sourceReader;
  private final RangeReader targetReader;
  private final RowThrottle throttle;
  private final Duration recheckDelay;

  RangeComparison(TableContext context, RangeReader sourceReader, RangeReader targetReader, RowThrottle throttle,
      Duration recheckDelay) {
    this.context = context;
    this.sourceReader = sourceReader;
    this.targetReader = targetReader;
    this.throttle = throttle;
    this.recheckDelay = recheckDelay;
  }

  @Override
  public void run(TokenRange range, RangeProgress progress) {
    new Merge(range, progress).run();
  }

  /** The state of one range's merge-join. */
  private final class Merge {
    private final RangeProgress progress;
    private final SideCursor source;
    private final SideCursor target;
    private final Map<RowKey, ScannedRow> pendingSource = new LinkedHashMap<>();
    private final Map<RowKey, ScannedRow> pendingTarget = new LinkedHashMap<>();
    private final Rechecks rechecks = new Rechecks(context, recheckDelay, RECHECKS_IN_FLIGHT);
    private final boolean hasStatic = context.query().schema().hasStaticColumns();
    private RowKey staticComparedFor;
    private boolean sourceTurnOnTie = true;
    private long reportedSource;
    private long reportedTarget;
    private long compared;

    Merge(TokenRange range, RangeProgress progress) {
      this.progress = progress;
      this.source = new SideCursor(sourceReader.read(range), sourceReader.query());
      this.target = new SideCursor(targetReader.read(range), targetReader.query());
    }

    void run() {
      long steps = 0;
      while (source.current() != null || target.current() != null) {
        if (progress.isCancelled()) {
          report(); // the rows read so far count
          return;
        }
        throttle.acquire(1);
        step();
        flushMissing(frontier());
        rechecks.poll();
        if (++steps % REPORT_EVERY_ROWS == 0) {
          report();
        }
      }
      flushMissing(null);
      rechecks.drain();
      report();
    }

    private void step() {
      boolean fromSource = takeFromSource();
      ScannedRow row = (fromSource ? source : target).take();
      ScannedRow partner = (fromSource ? pendingTarget : pendingSource).remove(row.key());
      if (partner == null) {
        (fromSource ? pendingSource : pendingTarget).put(row.key(), row);
      } else {
        compare(fromSource ? row : partner, fromSource ? partner : row);
      }
    }

    /** The side with the smaller token; on a tie the sides take turns, so wide partitions advance in lockstep. */
    private boolean takeFromSource() {
      if (target.current() == null) {
        return true;
      }
      if (source.current() == null) {
        return false;
      }
      int order = source.token().compareTo(target.token());
      if (order != 0) {
        return order < 0;
      }
      sourceTurnOnTie = !sourceTurnOnTie;
      return !sourceTurnOnTie;
    }

    private void compare(ScannedRow sourceRow, ScannedRow targetRow) {
      compared++;
      boolean withStatic = speaksForPartition(sourceRow.key());
      List<CellDifference> differences =
          context.comparator().differences(sourceRow.row(), targetRow.row(), withStatic);
      if (!differences.isEmpty()) {
        rechecks.add(sourceRow.key(), MismatchKind.MISMATCH, differences, withStatic);
      }
    }

    /** Static cells are compared on the first matched row of each partition only: one mismatch per partition. */
    private boolean speaksForPartition(RowKey key) {
      if (!hasStatic || staticComparedFor != null && key.samePartition(staticComparedFor, context.partitionKeySize())) {
        return false;
      }
      staticComparedFor = key;
      return true;
    }

    /** The lowest token either scan may still return, or null when both are over. */
    private BigInteger frontier() {
      BigInteger sourceToken = source.token();
      BigInteger targetToken = target.token();
      if (sourceToken == null || targetToken == null) {
        return sourceToken == null ? targetToken : sourceToken;
      }
      return sourceToken.min(targetToken);
    }

    /** Pending rows below {@code frontier} (all of them when null) can no longer find a partner. */
    private void flushMissing(BigInteger frontier) {
      flushMissing(pendingSource, frontier, true);
      flushMissing(pendingTarget, frontier, false);
    }

    private void flushMissing(Map<RowKey, ScannedRow> pending, BigInteger frontier, boolean sourceSide) {
      Iterator<ScannedRow> rows = pending.values().iterator();
      while (rows.hasNext()) {
        ScannedRow row = rows.next();
        if (frontier != null && row.key().token().compareTo(frontier) >= 0) {
          return;
        }
        rows.remove();
        boolean withStatic = row.startsPartition() || row.key().isStaticOnly(context.partitionKeySize());
        List<CellDifference> cells = context.comparator().cellsOf(row.row(), sourceSide, withStatic);
        rechecks.add(row.key(), sourceSide ? MismatchKind.MISSING_IN_TARGET : MismatchKind.MISSING_IN_SOURCE, cells,
            withStatic);
      }
    }

    private void report() {
      long sourceRows = source.rowsRead() - reportedSource;
      long targetRows = target.rowsRead() - reportedTarget;
      reportedSource += sourceRows;
      reportedTarget += targetRows;
      context.collector().rowsRead(sourceRows, targetRows);
      context.collector().compared(compared);
      compared = 0;
      progress.rows(sourceRows + targetRows);
      BigInteger doneBelow = lowest(lowest(frontier(), firstPendingToken()), rechecks.lowestPendingToken());
      if (doneBelow != null) {
        progress.completedThrough(doneBelow.subtract(BigInteger.ONE));
      }
    }

    private BigInteger firstPendingToken() {
      BigInteger lowest = null;
      for (Map<RowKey, ScannedRow> pending : List.of(pendingSource, pendingTarget)) {
        if (!pending.isEmpty()) {
          lowest = lowest(lowest, pending.values().iterator().next().key().token());
        }
      }
      return lowest;
    }

    private static BigInteger lowest(BigInteger one, BigInteger other) {
      if (one == null || other == null) {
        return one == null ? other : one;
      }
      return one.min(other);
    }
  }
}
