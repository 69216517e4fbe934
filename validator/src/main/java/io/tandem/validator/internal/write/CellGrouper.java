package io.tandem.validator.internal.write;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import io.tandem.validator.internal.scan.ScanQuery;
import io.tandem.validator.internal.schema.ColumnSchema;
import io.tandem.validator.internal.write.CellGroup.Assignment;
import io.tandem.validator.internal.write.CellGroup.AssignmentKind;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sorts the non-null cells of one scanned row into {@link CellGroup}s by (static, writetime, TTL). Set
 * elements, map entries and UDT fields each carry their own writetime and TTL (the entries of the
 * WRITETIME/TTL lists, in cell order); a list is kept whole at its newest element's writetime. Where the scan
 * has no writetime for a multi-cell column (clusters before 5.0), it is written whole at the row's newest one.
 */
final class CellGrouper {

  private final ScanQuery query;
  private final WriteTiming timing;
  private final CodecRegistry codecs;
  private final ProtocolVersion protocolVersion;

  CellGrouper(ScanQuery query, WriteTiming timing, CodecRegistry codecs, ProtocolVersion protocolVersion) {
    this.query = query;
    this.timing = timing;
    this.codecs = codecs;
    this.protocolVersion = protocolVersion;
  }

  Collection<CellGroup> group(Row row, List<ColumnSchema> columns) {
    Map<CellGroup.Key, CellGroup> groups = new LinkedHashMap<>();
    for (ColumnSchema column : columns) {
      int valueIndex = query.valueIndex(column);
      if (row.isNull(valueIndex)) {
        continue;
      }
      if (column.isMultiCell() && !query.hasCellMetadata(column)) {
        addWithoutMetadata(groups, row, column);
        continue;
      }
      switch (column.cellKind()) {
        case SINGLE -> group(groups, column, singleWritetime(row, column), singleTtl(row, column))
            .addSingle(column, row.getBytesUnsafe(valueIndex));
        case SET -> addElements(groups, row, column, (Set<?>) row.getObject(valueIndex));
        case MAP -> addEntries(groups, row, column, (Map<?, ?>) row.getObject(valueIndex));
        case UDT -> addFields(groups, row, column, row.getUdtValue(valueIndex));
        case LIST -> addWholeList(groups, row, column);
        case COUNTER -> throw new IllegalArgumentException(
            "Counter column " + column.cql() + " cannot be copied with writes; use the counter difference");
      }
    }
    return groups.values();
  }

  private void addElements(Map<CellGroup.Key, CellGroup> groups, Row row, ColumnSchema column, Set<?> elements) {
    Map<CellGroup.Key, Set<Object>> byGroup = new LinkedHashMap<>();
    Iterator<Long> writetimes = orNulls(writetimes(row, column));
    Iterator<Integer> ttls = orNulls(ttls(row, column));
    for (Object element : elements) {
      byGroup.computeIfAbsent(key(column, writetimes.next(), ttls.next()), key -> new LinkedHashSet<>()).add(element);
    }
    byGroup.forEach((key, part) -> group(groups, key).addAssignment(
        new Assignment(AssignmentKind.ADD, column, null, encode(column, part))));
  }

  private void addEntries(Map<CellGroup.Key, CellGroup> groups, Row row, ColumnSchema column, Map<?, ?> entries) {
    Map<CellGroup.Key, Map<Object, Object>> byGroup = new LinkedHashMap<>();
    Iterator<Long> writetimes = orNulls(writetimes(row, column));
    Iterator<Integer> ttls = orNulls(ttls(row, column));
    for (Map.Entry<?, ?> entry : entries.entrySet()) {
      byGroup.computeIfAbsent(key(column, writetimes.next(), ttls.next()), key -> new LinkedHashMap<>())
          .put(entry.getKey(), entry.getValue());
    }
    byGroup.forEach((key, part) -> group(groups, key).addAssignment(
        new Assignment(AssignmentKind.ADD, column, null, encode(column, part))));
  }

  /**
   * Cassandra 5 answers one WRITETIME/TTL entry per field (null for a null field); should a version answer one
   * per non-null field only, entries are matched to the non-null fields in declaration order.
   */
  private void addFields(Map<CellGroup.Key, CellGroup> groups, Row row, ColumnSchema column, UdtValue value) {
    UserDefinedType type = value.getType();
    int fieldCount = type.getFieldNames().size();
    List<Long> writetimeList = writetimes(row, column);
    boolean entryPerField = writetimeList.size() == fieldCount;
    Iterator<Long> writetimes = orNulls(writetimeList);
    Iterator<Integer> ttls = orNulls(ttls(row, column));
    for (int field = 0; field < fieldCount; field++) {
      boolean isNull = value.isNull(field);
      if (isNull && !entryPerField) {
        continue;
      }
      Long writetime = writetimes.next();
      Integer ttl = ttls.next();
      if (isNull) {
        continue;
      }
      String fieldName = type.getFieldNames().get(field).asCql(true);
      group(groups, key(column, writetime, ttl)).addAssignment(
          new Assignment(AssignmentKind.FIELD, column, fieldName, value.getBytesUnsafe(field)));
    }
  }

  /**
   * List elements are keyed by server-generated timeuuids, so re-appending them would duplicate them: the list
   * is written whole at its newest element's writetime, with no TTL when any element has none, else the
   * longest remaining TTL (nothing expires on the target before it does on the source).
   */
  private void addWholeList(Map<CellGroup.Key, CellGroup> groups, Row row, ColumnSchema column) {
    long newest = writetimes(row, column).stream().filter(java.util.Objects::nonNull).mapToLong(Long::longValue)
        .max().orElse(timing.fallbackTimestamp());
    List<Integer> ttls = ttls(row, column);
    int ttl = ttls.stream().anyMatch(entry -> entry == null || entry == 0)
        ? 0 : ttls.stream().mapToInt(Integer::intValue).max().orElse(0);
    group(groups, key(column, newest, ttl)).addAssignment(
        new Assignment(AssignmentKind.WHOLE, column, null, row.getBytesUnsafe(query.valueIndex(column))));
  }

  /**
   * Before 5.0 a multi-cell column's writetime and TTL cannot be read: it is written whole, with no TTL, at the
   * newest writetime of the row's single-cell columns (the fallback timestamp when none has one).
   */
  private void addWithoutMetadata(Map<CellGroup.Key, CellGroup> groups, Row row, ColumnSchema column) {
    group(groups, new CellGroup.Key(column.isStatic(), inferredTimestamp(row), 0)).addAssignment(
        new Assignment(AssignmentKind.WHOLE, column, null, row.getBytesUnsafe(query.valueIndex(column))));
  }

  private long inferredTimestamp(Row row) {
    long newest = Long.MIN_VALUE;
    for (ColumnSchema other : query.schema().cells()) {
      if (!other.isMultiCell() && query.hasCellMetadata(other) && !row.isNull(query.writetimeIndex(other))) {
        newest = Math.max(newest, row.getLong(query.writetimeIndex(other)));
      }
    }
    return newest == Long.MIN_VALUE ? timing.fallbackTimestamp() : timing.timestampFor(newest);
  }

  private CellGroup group(Map<CellGroup.Key, CellGroup> groups, ColumnSchema column, long writetime, int ttl) {
    return group(groups, key(column, writetime, ttl));
  }

  private static CellGroup group(Map<CellGroup.Key, CellGroup> groups, CellGroup.Key key) {
    return groups.computeIfAbsent(key, CellGroup::new);
  }

  private CellGroup.Key key(ColumnSchema column, Long writetime, Integer ttl) {
    long timestamp = writetime == null ? timing.fallbackTimestamp() : timing.timestampFor(writetime);
    return new CellGroup.Key(column.isStatic(), timestamp, ttl == null ? 0 : ttl);
  }

  private long singleWritetime(Row row, ColumnSchema column) {
    int index = query.writetimeIndex(column);
    return row.isNull(index) ? timing.fallbackTimestamp() : row.getLong(index);
  }

  private int singleTtl(Row row, ColumnSchema column) {
    int index = query.ttlIndex(column);
    return row.isNull(index) ? 0 : row.getInt(index);
  }

  private List<Long> writetimes(Row row, ColumnSchema column) {
    return row.getList(query.writetimeIndex(column), Long.class);
  }

  private List<Integer> ttls(Row row, ColumnSchema column) {
    return row.getList(query.ttlIndex(column), Integer.class);
  }

  /** The entries in order, then nulls: a missing WRITETIME/TTL entry falls back rather than failing the row. */
  private static <T> Iterator<T> orNulls(List<T> entries) {
    Iterator<T> iterator = entries.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public T next() {
        return iterator.hasNext() ? iterator.next() : null;
      }
    };
  }

  private java.nio.ByteBuffer encode(ColumnSchema column, Object value) {
    TypeCodec<Object> codec = codecs.codecFor(column.type());
    return codec.encode(value, protocolVersion);
  }
}
