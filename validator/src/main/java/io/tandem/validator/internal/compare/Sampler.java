package io.tandem.validator.internal.compare;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.validator.api.range.Partitioner;
import io.tandem.validator.api.validate.CellDifference;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.api.validate.SampleReport.TableSample;
import io.tandem.validator.internal.scan.RowKey;
import io.tandem.validator.internal.scan.ScanException;
import io.tandem.validator.api.range.ScanSettings;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;

/**
 * Compares rows picked at random: for each random token, uniform over the whole ring, the first source row at
 * or after it (wrapping to the ring's first row), looked up on the target, compared and rechecked like a scan.
 */
final class Sampler {

  private final TableContext context;
  private final Rechecks rechecks;
  private final ScanSettings scanSettings;
  private final CqlSession source;
  private final PreparedStatement firstRowFrom;
  private final SplittableRandom random = new SplittableRandom();

  Sampler(TableContext context, ValidationSettings settings) {
    this.context = context;
    this.rechecks = new Rechecks(context, settings.recheckDelay(), 4);
    this.scanSettings = settings.scanSettings();
    this.source = settings.source();
    this.firstRowFrom = source.prepare(context.query().firstRowFromTokenCql());
  }

  TableSample sample(int samples) {
    int compared = 0;
    for (int index = 0; index < samples; index++) {
      Optional<Row> row = firstRowAtOrAfter(randomToken());
      if (row.isEmpty()) {
        break; // the table is empty on the source
      }
      compare(row.get());
      compared++;
      rechecks.poll();
    }
    rechecks.drain();
    context.collector().compared(compared);
    return new TableSample(context.tableName(), compared, (int) context.collector().realMismatchCount(),
        context.collector().kept());
  }

  private void compare(Row sourceRow) {
    RowKey key = context.query().key(sourceRow);
    Optional<Row> targetRow = lookUpOnTarget(key);
    // the first row at or after a token is the first of its partition: it speaks for the static cells
    if (targetRow.isEmpty()) {
      List<CellDifference> cells = context.comparator().cellsOf(sourceRow, true, true);
      rechecks.add(key, MismatchKind.MISSING_IN_TARGET, cells, true);
      return;
    }
    List<CellDifference> differences = context.comparator().differences(sourceRow, targetRow.get(), true);
    if (!differences.isEmpty()) {
      rechecks.add(key, MismatchKind.MISMATCH, differences, true);
    }
  }

  private BigInteger randomToken() {
    Partitioner partitioner = context.query().partitioner();
    if (partitioner == Partitioner.MURMUR3) {
      return BigInteger.valueOf(random.nextLong());
    }
    BigInteger ringEnd = partitioner.fullRing().end();
    BigInteger token;
    do {
      token = new BigInteger(ringEnd.bitLength(), new java.util.Random(random.nextLong()));
    } while (token.compareTo(ringEnd) > 0);
    return token;
  }

  private Optional<Row> firstRowAtOrAfter(BigInteger token) {
    Optional<Row> row = firstRow(token);
    return row.isPresent() ? row : firstRow(context.query().partitioner().fullRing().start());
  }

  private Optional<Row> firstRow(BigInteger token) {
    try {
      return Optional.ofNullable(source.execute(firstRowFrom.bind(context.query().partitioner().toCql(token))
          .setConsistencyLevel(scanSettings.consistency()).setTimeout(scanSettings.pageTimeout())).one());
    } catch (RuntimeException e) {
      throw ScanException.of(e);
    }
  }

  private Optional<Row> lookUpOnTarget(RowKey key) {
    try {
      return context.targetLookup().read(key).toCompletableFuture().join();
    } catch (CompletionException e) {
      throw ScanException.of(e.getCause());
    }
  }
}
