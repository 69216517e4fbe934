package io.tandem.validator.api.range;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.validator.internal.range.RangeRunner;
import io.tandem.validator.internal.range.RingSplitter;
import io.tandem.validator.internal.scan.PagedRows;
import io.tandem.validator.internal.scan.RangeReader;
import io.tandem.validator.internal.scan.ScanQuery;
import io.tandem.validator.internal.schema.ClusterCapabilities;
import io.tandem.validator.internal.schema.TableSchema;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads one table on both clusters at once, range by range, with the validator's own projection, ring splits
 * and concurrency, doing nothing with the rows but counting them: the bound a validation can reach. Required:
 * {@link #withSource}, {@link #withTarget}, {@link #forTable}. Defaults: 256 splits, 4 ranges at once,
 * {@link ScanSettings#DEFAULTS}.
 */
public final class RawRingScan {

  private CqlSession source;
  private CqlSession target;
  private String keyspace;
  private String table;
  private int splits = 256;
  private int concurrency = 4;
  private ScanSettings scanSettings = ScanSettings.DEFAULTS;

  private RawRingScan() {}

  public static RawRingScan builder() {
    return new RawRingScan();
  }

  /** The cluster whose ring is split; read together with the target. */
  public RawRingScan withSource(CqlSession session) {
    this.source = Objects.requireNonNull(session, "source session");
    return this;
  }

  public RawRingScan withTarget(CqlSession session) {
    this.target = Objects.requireNonNull(session, "target session");
    return this;
  }

  /** The table read on both clusters (its schema is read from the source). */
  public RawRingScan forTable(String keyspace, String table) {
    this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
    this.table = Objects.requireNonNull(table, "table");
    return this;
  }

  /** About how many token ranges the ring is cut into. Default 256. */
  public RawRingScan withSplits(int splits) {
    this.splits = requirePositive("splits", splits);
    return this;
  }

  /** Ranges read at once. Default 4. */
  public RawRingScan withConcurrency(int concurrency) {
    this.concurrency = requirePositive("concurrency", concurrency);
    return this;
  }

  /** Page size, consistency and page timeout of the reads. Default {@link ScanSettings#DEFAULTS}. */
  public RawRingScan withScanSettings(ScanSettings settings) {
    this.scanSettings = Objects.requireNonNull(settings, "scan settings");
    return this;
  }

  /**
   * Reads every range on both sides; the time measured is that of the reads alone, after the schema is read and
   * the ring split.
   *
   * @throws IllegalStateException when a setting is missing or a range failed
   */
  public Result run() {
    if (source == null || target == null || keyspace == null) {
      throw new IllegalStateException("A raw scan needs withSource(...), withTarget(...) and forTable(...)");
    }
    TableSchema schema = TableSchema.read(source, keyspace, table);
    Partitioner partitioner = Partitioner.of(source);
    ScanQuery query = new ScanQuery(schema, partitioner, ClusterCapabilities.readMultiCellMetadata(source, target));
    RangeReader sourceReader = new RangeReader(source, query, scanSettings);
    RangeReader targetReader = new RangeReader(target, query, scanSettings);
    List<TokenRange> ranges = RingSplitter.split(source, partitioner, splits);
    LongAdder sourceRows = new LongAdder();
    LongAdder targetRows = new LongAdder();
    long started = System.nanoTime();
    RangeRunner.RangeRunResult result = new RangeRunner(concurrency, "raw-scan", Duration.ofSeconds(1)).run(ranges,
        (range, progress) -> readBoth(sourceReader.read(range), targetReader.read(range), sourceRows, targetRows),
        new RangeListener() {});
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    if (!result.isComplete()) {
      throw new IllegalStateException("The raw scan failed on " + result.failures());
    }
    return new Result(sourceRows.sum(), targetRows.sum(), ranges.size(), elapsed);
  }

  /** Pages through both sides in step, as a validation does. */
  private static void readBoth(PagedRows source, PagedRows target, LongAdder sourceRows, LongAdder targetRows) {
    while (source.hasNext() | target.hasNext()) {
      if (source.hasNext()) {
        source.next();
        sourceRows.increment();
      }
      if (target.hasNext()) {
        target.next();
        targetRows.increment();
      }
    }
  }

  private static int requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + value);
    }
    return value;
  }

  /**
   * What a raw scan read.
   *
   * @param sourceRows rows read from the source
   * @param targetRows rows read from the target
   * @param ranges the token ranges the ring was split into
   * @param elapsed the time the reads took
   */
  public record Result(long sourceRows, long targetRows, int ranges, Duration elapsed) {

    /** Source rows per second: rows per second per side when both hold the same rows. */
    public double sourceRowsPerSecond() {
      return sourceRows / (elapsed.toNanos() / 1e9);
    }
  }
}
