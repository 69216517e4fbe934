package io.tandem.cli.recording;

import io.tandem.core.api.control.CopyProgress;
import io.tandem.validator.api.copy.CopyReport;
import io.tandem.validator.api.range.RangeListener;
import io.tandem.validator.api.range.TokenRange;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Follows the copy of one table and hands its {@link CopyProgress} on at most once per {@link #INTERVAL}, plus
 * once at the end. Ranges done count the ring's {@code splits} ranges: those an earlier (resumed) run finished,
 * plus this run's share of the tokens it covered, rounded down, so the table is finished only when every range is.
 */
final class TableCopyProgress implements RangeListener {

  static final Duration INTERVAL = Duration.ofSeconds(1);

  private final String table;
  private final Clock clock;
  private final Consumer<CopyProgress> sink;
  private long total;
  private long doneBefore;
  private long rangesThisRun;
  private BigInteger tokensThisRun = BigInteger.ZERO;
  private BigInteger tokensDone = BigInteger.ZERO;
  private Instant lastWrite;

  TableCopyProgress(String table, int splits, Clock clock, Consumer<CopyProgress> sink) {
    this.table = table;
    this.clock = clock;
    this.sink = sink;
    this.total = splits;
  }

  @Override
  public void started(List<TokenRange> ranges, BigInteger totalTokens) {
    CopyProgress first;
    synchronized (this) {
      rangesThisRun = ranges.size();
      total = Math.max(total, rangesThisRun);
      doneBefore = total - rangesThisRun;
      tokensThisRun = totalTokens;
      first = due();
    }
    send(first);
  }

  @Override
  public void progressed(BigInteger tokens, long rows) {
    CopyProgress due;
    synchronized (this) {
      tokensDone = tokensDone.add(tokens);
      due = due();
    }
    send(due);
  }

  /** The last record: every range when the copy is complete, else how far it got. */
  void finished(CopyReport report) {
    CopyProgress last;
    synchronized (this) {
      last = new CopyProgress(table, report.complete() ? total : done(), total, clock.instant());
    }
    sink.accept(last);
  }

  /** The progress to write now, or {@code null} when the last write is less than a second old. */
  private CopyProgress due() {
    Instant now = clock.instant();
    if (lastWrite != null && Duration.between(lastWrite, now).compareTo(INTERVAL) < 0) {
      return null;
    }
    lastWrite = now;
    return new CopyProgress(table, done(), total, now);
  }

  private long done() {
    if (tokensThisRun.signum() <= 0) {
      return doneBefore;
    }
    long share = tokensDone.multiply(BigInteger.valueOf(rangesThisRun)).divide(tokensThisRun).longValue();
    return doneBefore + Math.min(share, rangesThisRun);
  }

  private void send(CopyProgress progress) {
    if (progress != null) {
      sink.accept(progress);
    }
  }
}
