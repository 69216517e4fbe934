package io.tandem.core.api.mirror;

import com.datastax.oss.protocol.internal.ProtocolConstants;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One CQL query with its bound values as raw, already-serialized bytes: either positional values or named
 * values, never both. A {@code null} element is a CQL null; {@link #UNSET} (the protocol's unset marker,
 * compared by identity) leaves the column untouched. Buffers are never modified.
 */
public final class BoundQuery {

  /** The "unset" marker; the same instance the driver and the native-protocol codec use. */
  public static final ByteBuffer UNSET = ProtocolConstants.UNSET_VALUE;

  private final String query;
  private final List<ByteBuffer> values;
  private final Map<String, ByteBuffer> namedValues;

  private BoundQuery(String query, List<ByteBuffer> values, Map<String, ByteBuffer> namedValues) {
    this.query = Objects.requireNonNull(query, "query");
    this.values = values;
    this.namedValues = namedValues;
  }

  /** A query with no values, or with positional values (a list that may contain nulls). */
  public static BoundQuery of(String query, List<ByteBuffer> values) {
    return new BoundQuery(query, Collections.unmodifiableList(new ArrayList<>(values)), Map.of());
  }

  public static BoundQuery of(String query) {
    return new BoundQuery(query, List.of(), Map.of());
  }

  /** A query with named values (insertion order kept; values may be null). */
  public static BoundQuery ofNamed(String query, Map<String, ByteBuffer> namedValues) {
    return new BoundQuery(query, List.of(), Collections.unmodifiableMap(new LinkedHashMap<>(namedValues)));
  }

  public String query() {
    return query;
  }

  /** Positional values; empty when the query has none or uses named values. */
  public List<ByteBuffer> values() {
    return values;
  }

  /** Named values; empty unless the front door received values by name. */
  public Map<String, ByteBuffer> namedValues() {
    return namedValues;
  }

  public boolean hasValues() {
    return !values.isEmpty() || !namedValues.isEmpty();
  }

  /** Whether a value is the unset marker. */
  public static boolean isUnset(ByteBuffer value) {
    return value == UNSET;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BoundQuery that
        && query.equals(that.query)
        && values.equals(that.values)
        && namedValues.equals(that.namedValues);
  }

  @Override
  public int hashCode() {
    return Objects.hash(query, values, namedValues);
  }

  @Override
  public String toString() {
    // values are deliberately left out: they may hold personal data
    return "BoundQuery{" + query + ", " + (values.size() + namedValues.size()) + " values}";
  }
}
