package io.tandem.core.internal.mirror;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.ListType;
import com.datastax.oss.driver.api.core.type.MapType;
import com.datastax.oss.driver.api.core.type.SetType;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import com.datastax.oss.protocol.internal.ProtocolConstants;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.internal.classify.ConditionalWrite;
import io.tandem.core.internal.classify.ConditionalWrite.Marker;
import io.tandem.core.internal.classify.ConditionalWrite.Term;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How to read back the write time an applied LWT got on the primary: {@code SELECT col, WRITETIME(col)} of one
 * column it wrote whole with a value, at the row its key terms name; and the LWT without its {@code IF} clause.
 *
 * @param select the query, its key terms as the LWT wrote them (bind markers as {@code ?})
 * @param values the select's values, in order
 * @param expected the written value's bytes when the LWT bound it (the read is checked against it), else null
 */
record WriteTimeReadBack(String select, List<ByteBuffer> values, ByteBuffer expected) {

  /**
   * The columns of a table as the read-back needs them.
   *
   * @param readable the columns whose write time one {@code WRITETIME} reads: not key, counter or multi-cell
   */
  record TableColumns(List<String> partitionKey, List<String> clustering, Set<String> staticColumns,
      Set<String> readable) {

    static TableColumns of(TableMetadata table) {
      Set<String> keys = new LinkedHashSet<>();
      table.getPrimaryKey().forEach(column -> keys.add(column.getName().asInternal()));
      Set<String> statics = new LinkedHashSet<>();
      Set<String> readable = new LinkedHashSet<>();
      for (ColumnMetadata column : table.getColumns().values()) {
        String name = column.getName().asInternal();
        if (column.isStatic()) {
          statics.add(name);
        }
        if (!keys.contains(name) && singleCell(column.getType())) {
          readable.add(name);
        }
      }
      return new TableColumns(names(table.getPartitionKey()), names(table.getClusteringColumns().keySet()), statics,
          readable);
    }

    private static boolean singleCell(DataType type) {
      boolean multiCell = type instanceof ListType list && !list.isFrozen()
          || type instanceof SetType set && !set.isFrozen()
          || type instanceof MapType map && !map.isFrozen()
          || type instanceof UserDefinedType udt && !udt.isFrozen();
      return !multiCell && type.getProtocolCode() != ProtocolConstants.DataType.COUNTER;
    }

    private static List<String> names(Iterable<ColumnMetadata> columns) {
      List<String> names = new ArrayList<>();
      columns.forEach(column -> names.add(column.getName().asInternal()));
      return names;
    }
  }

  /**
   * The read-back for {@code lwt} bound with {@code query}'s values; empty when none is possible: no column
   * written whole with a value ({@code DELETE … IF}, key columns only, collection elements, nulls), or a key
   * column the statement does not fix with {@code =}.
   */
  static Optional<WriteTimeReadBack> plan(ConditionalWrite lwt, BoundQuery query, String keyspace,
      TableColumns columns) {
    for (Map.Entry<String, Term> written : lwt.written().entrySet()) {
      String column = written.getKey();
      Term term = written.getValue();
      if (!columns.readable().contains(column) || term.nullLiteral() || !bound(term, query)) {
        continue;
      }
      List<String> key = new ArrayList<>(columns.partitionKey());
      if (!columns.staticColumns().contains(column)) {
        key.addAll(columns.clustering());
      }
      Optional<WriteTimeReadBack> readBack = select(lwt, query, keyspace, column, key);
      if (readBack.isPresent()) {
        return readBack;
      }
    }
    return Optional.empty();
  }

  private static Optional<WriteTimeReadBack> select(ConditionalWrite lwt, BoundQuery query, String keyspace,
      String column, List<String> key) {
    StringBuilder select = new StringBuilder("SELECT ").append(quoted(column)).append(", WRITETIME(")
        .append(quoted(column)).append(") FROM ").append(quoted(keyspace)).append('.').append(quoted(lwt.table()));
    List<ByteBuffer> values = new ArrayList<>();
    String separator = " WHERE ";
    for (String keyColumn : key) {
      Term term = lwt.restrictions().get(keyColumn);
      if (term == null || term.nullLiteral() || !bound(term, query)) {
        return Optional.empty();
      }
      select.append(separator).append(quoted(keyColumn)).append(" = ").append(term.text());
      term.markers().forEach(marker -> values.add(valueOf(marker, query)));
      separator = " AND ";
    }
    Term written = lwt.written().get(column);
    ByteBuffer expected = written.markers().size() == 1 && written.text().equals("?")
        ? valueOf(written.markers().get(0), query) : null;
    return Optional.of(new WriteTimeReadBack(select.toString(), values, expected));
  }

  /** The LWT's query without its {@code IF} clause, nor the values only that clause used. */
  static BoundQuery unconditional(ConditionalWrite lwt, BoundQuery query) {
    if (!query.namedValues().isEmpty()) {
      Map<String, ByteBuffer> named = new HashMap<>(query.namedValues());
      lwt.removedNames().forEach(named::remove);
      return BoundQuery.ofNamed(lwt.unconditionalQuery(), keepOrder(query.namedValues(), named));
    }
    List<ByteBuffer> values = new ArrayList<>();
    for (int index = 0; index < query.values().size(); index++) {
      if (!lwt.removedPositions().contains(index)) {
        values.add(query.values().get(index));
      }
    }
    return BoundQuery.of(lwt.unconditionalQuery(), values);
  }

  private static Map<String, ByteBuffer> keepOrder(Map<String, ByteBuffer> original, Map<String, ByteBuffer> kept) {
    Map<String, ByteBuffer> ordered = new java.util.LinkedHashMap<>();
    original.forEach((name, value) -> {
      if (kept.containsKey(name)) {
        ordered.put(name, value);
      }
    });
    return ordered;
  }

  /** Every marker of the term has a value that is neither null nor unset. */
  private static boolean bound(Term term, BoundQuery query) {
    for (Marker marker : term.markers()) {
      ByteBuffer value = valueOf(marker, query);
      if (value == null || BoundQuery.isUnset(value)) {
        return false;
      }
    }
    return true;
  }

  private static ByteBuffer valueOf(Marker marker, BoundQuery query) {
    if (marker.name() == null) {
      return marker.position() < query.values().size() ? query.values().get(marker.position()) : null;
    }
    ByteBuffer value = query.namedValues().get(marker.name());
    if (value != null) {
      return value;
    }
    return query.namedValues().entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(marker.name()))
        .map(Map.Entry::getValue).findFirst().orElse(null);
  }

  private static String quoted(String internalName) {
    return CqlIdentifier.fromInternal(internalName).asCql(true);
  }
}
