package io.tandem.validator.internal.compare;

import io.tandem.validator.api.range.TokenRange;
import io.tandem.validator.api.validate.FailedRange;
import io.tandem.validator.api.validate.TableValidation;
import io.tandem.validator.api.range.RangeListener;
import io.tandem.validator.internal.range.Cancellation;
import io.tandem.validator.internal.range.RangeRunner.RangeRunResult;
import io.tandem.validator.internal.range.RangeRunner;
import io.tandem.validator.internal.range.RingSplitter;
import io.tandem.validator.internal.range.RowThrottle;
import io.tandem.validator.internal.report.ConsoleProgress;
import io.tandem.validator.internal.report.MismatchLedger;
import io.tandem.validator.internal.scan.RangeReader;
import io.tandem.validator.internal.scan.ScanQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The full two-sided diff of one table: its ring split into ranges, each merge-joined by a worker. */
final class TableValidationRun {

  private static final Duration RETRY_DELAY = Duration.ofMillis(500);

  private final ValidationSettings settings;
  private final MismatchLedger ledger;
  private final Cancellation cancellation;

  /**
   * @param ledger       where every mismatch goes, or null
   * @param cancellation stops the run
   */
  TableValidationRun(ValidationSettings settings, MismatchLedger ledger, Cancellation cancellation) {
    this.settings = settings;
    this.ledger = ledger;
    this.cancellation = cancellation;
  }

  TableValidation run(String table) {
    ScanQuery query = TableSetup.query(settings, table);
    String name = query.schema().displayName();
    Instant scanStart = settings.clock().instant();
    long started = System.nanoTime();
    TableContext context = TableContext.create(settings, query, scanStart, ledger);
    RangeReader sourceReader = new RangeReader(settings.source(), query, settings.scanSettings());
    RangeReader targetReader = new RangeReader(settings.target(), query, settings.scanSettings());
    RangeComparison comparison = new RangeComparison(context, sourceReader, targetReader,
        RowThrottle.fixed(settings.maxRowsPerSecond()), settings.recheckDelay());
    List<TokenRange> ranges = RingSplitter.split(settings.source(), query.partitioner(), settings.splits());
    RangeRunResult result = cancellation.run(new RangeRunner(settings.concurrency(), "validate-" + table, RETRY_DELAY),
        ranges, comparison, listener("validate " + name));
    return context.collector().finish(failures(result), scanStart, Duration.ofNanos(System.nanoTime() - started),
        result.cancelled());
  }

  RangeListener listener(String label) {
    return settings.progress() == null ? new RangeListener() {}
        : new ConsoleProgress(settings.progress(), label, false, Duration.ofSeconds(10));
  }

  static List<FailedRange> failures(RangeRunResult result) {
    return result.failures().stream()
        .map(failure -> new FailedRange(failure.range(), String.valueOf(failure.error().getMessage())))
        .toList();
  }
}
