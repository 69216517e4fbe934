package io.tandem.validator.internal.compare;

import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.validator.api.validate.CellDifference;
import io.tandem.validator.api.validate.CellDifference.Difference;
import io.tandem.validator.internal.report.CqlLiterals;
import io.tandem.validator.internal.scan.ScanQuery;
import io.tandem.validator.internal.schema.ColumnSchema;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Compares the non-key cells of two rows read with the same {@link ScanQuery}: values always (equal bytes, else
 * equal after {@link CellValues} normalisation), writetimes and TTLs when asked. Static cells only when the
 * caller says the row is the one that speaks for its partition. Writetimes that differ by no more than the
 * writetime tolerance are a difference of their own ({@link Difference#WRITETIME_WITHIN_TOLERANCE}).
 */
public final class RowComparator {

  private final ScanQuery query;
  private final CqlLiterals literals;
  private final boolean compareWritetimes;
  private final Duration ttlTolerance;
  private final long writetimeToleranceMicros;

  public RowComparator(ScanQuery query, CqlLiterals literals, boolean compareWritetimes, Duration ttlTolerance) {
    this(query, literals, compareWritetimes, ttlTolerance, null);
  }

  /** @param writetimeTolerance null when compared writetimes must be equal */
  public RowComparator(ScanQuery query, CqlLiterals literals, boolean compareWritetimes, Duration ttlTolerance,
      Duration writetimeTolerance) {
    this.query = query;
    this.literals = literals;
    this.compareWritetimes = compareWritetimes;
    this.ttlTolerance = ttlTolerance;
    this.writetimeToleranceMicros = writetimeTolerance == null ? -1 : writetimeTolerance.toNanos() / 1000;
  }

  /** The cells that differ between {@code source} and {@code target}; empty when the rows hold the same data. */
  public List<CellDifference> differences(Row source, Row target, boolean withStatic) {
    List<CellDifference> differences = new ArrayList<>();
    for (ColumnSchema column : query.schema().cells()) {
      if (column.isStatic() && !withStatic) {
        continue;
      }
      if (identicalValueOnly(source, target, column)) {
        continue;
      }
      Cell left = Cell.read(source, column, query);
      Cell right = Cell.read(target, column, query);
      Set<Difference> kinds = EnumSet.noneOf(Difference.class);
      if (!sameValue(left, right)) {
        kinds.add(Difference.VALUE);
      }
      // with a side absent there is no timestamp to compare (null and an empty collection are the same value)
      boolean bothPresent = left.bytes() != null && right.bytes() != null;
      if (bothPresent && compareWritetimes && !Objects.equals(left.writetimes(), right.writetimes())) {
        kinds.add(withinTolerance(left.writetimes(), right.writetimes())
            ? Difference.WRITETIME_WITHIN_TOLERANCE : Difference.WRITETIME);
      }
      if (bothPresent && ttlTolerance != null && !sameTtls(left.ttls(), right.ttls())) {
        kinds.add(Difference.TTL);
      }
      if (!kinds.isEmpty()) {
        differences.add(describe(column, left, right, kinds));
      }
    }
    return differences;
  }

  /** The common case, decided without decoding anything: equal bytes, and neither writetimes nor TTLs compared. */
  private boolean identicalValueOnly(Row source, Row target, ColumnSchema column) {
    if (compareWritetimes || ttlTolerance != null) {
      return false;
    }
    int index = query.valueIndex(column);
    return Objects.equals(source.getBytesUnsafe(index), target.getBytesUnsafe(index));
  }

  /** The present cells of a row that only one side has, for the report. */
  List<CellDifference> cellsOf(Row row, boolean sourceSide, boolean withStatic) {
    List<CellDifference> cells = new ArrayList<>();
    for (ColumnSchema column : query.schema().cells()) {
      if (column.isStatic() && !withStatic) {
        continue;
      }
      Cell cell = Cell.read(row, column, query);
      if (cell.bytes() != null) {
        Cell absent = Cell.ABSENT;
        cells.add(sourceSide ? describe(column, cell, absent, Set.of()) : describe(column, absent, cell, Set.of()));
      }
    }
    return cells;
  }

  private static boolean sameValue(Cell left, Cell right) {
    if (Objects.equals(left.bytes(), right.bytes())) {
      return true;
    }
    return CellValues.same(left.value(), right.value());
  }

  /** Whether differing writetimes are each within the tolerance (one per stored cell on both sides). */
  boolean withinTolerance(List<Long> left, List<Long> right) {
    if (writetimeToleranceMicros < 0 || left.size() != right.size()) {
      return false;
    }
    for (int index = 0; index < left.size(); index++) {
      Long one = left.get(index);
      Long other = right.get(index);
      if (one == null || other == null ? one != other : Math.abs(one - other) > writetimeToleranceMicros) {
        return false;
      }
    }
    return true;
  }

  /** Whether every difference of a row is a writetime within the tolerance: the row's values are the same. */
  public static boolean onlyWithinTolerance(List<CellDifference> cells) {
    return !cells.isEmpty() && cells.stream()
        .allMatch(cell -> cell.differences().equals(Set.of(Difference.WRITETIME_WITHIN_TOLERANCE)));
  }

  private boolean sameTtls(List<Integer> left, List<Integer> right) {
    if (left.size() != right.size()) {
      return false;
    }
    long tolerance = ttlTolerance.toSeconds();
    for (int index = 0; index < left.size(); index++) {
      Integer one = left.get(index);
      Integer other = right.get(index);
      if (one == null || other == null ? one != other : Math.abs(one - other) > tolerance) {
        return false;
      }
    }
    return true;
  }

  private CellDifference describe(ColumnSchema column, Cell source, Cell target, Set<Difference> kinds) {
    return new CellDifference(column.name().asInternal(), literals.format(column.type(), source.value()),
        literals.format(column.type(), target.value()), source.newestWritetime(), target.newestWritetime(),
        source.longestTtl(), target.longestTtl(), kinds);
  }

  /** One cell as read: serialized and decoded value, writetimes and TTLs (one per stored cell). */
  private record Cell(ByteBuffer bytes, Object value, List<Long> writetimes, List<Integer> ttls) {

    static final Cell ABSENT = new Cell(null, null, List.of(), List.of());

    static Cell read(Row row, ColumnSchema column, ScanQuery query) {
      int index = query.valueIndex(column);
      ByteBuffer bytes = row.getBytesUnsafe(index);
      Object value = bytes == null ? null : row.getObject(index);
      if (!query.hasCellMetadata(column)) {
        // counters, and multi-cell columns before 5.0: compared by value only
        return new Cell(bytes, value, List.of(), List.of());
      }
      int writetimeIndex = query.writetimeIndex(column);
      int ttlIndex = query.ttlIndex(column);
      if (column.isMultiCell()) {
        return new Cell(bytes, value, listOrEmpty(row.getList(writetimeIndex, Long.class)),
            listOrEmpty(row.getList(ttlIndex, Integer.class)));
      }
      List<Long> writetimes = row.isNull(writetimeIndex) ? List.of() : List.of(row.getLong(writetimeIndex));
      List<Integer> ttls = row.isNull(ttlIndex) ? List.of() : List.of(row.getInt(ttlIndex));
      return new Cell(bytes, value, writetimes, ttls);
    }

    private static <T> List<T> listOrEmpty(List<T> values) {
      return values == null ? List.of() : values;
    }

    Long newestWritetime() {
      return writetimes.stream().filter(Objects::nonNull).max(Long::compare).orElse(null);
    }

    Integer longestTtl() {
      return ttls.stream().filter(Objects::nonNull).max(Integer::compare).orElse(null);
    }
  }
}
