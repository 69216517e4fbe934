package io.tandem.validator.internal.schema;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.type.DataType;
import com.datastax.oss.driver.api.core.type.ListType;
import com.datastax.oss.driver.api.core.type.MapType;
import com.datastax.oss.driver.api.core.type.SetType;
import com.datastax.oss.driver.api.core.type.UserDefinedType;
import com.datastax.oss.protocol.internal.ProtocolConstants;
import java.util.Objects;

/**
 * One column of a scanned table: its name, CQL type, role in the table and how its cells are stored. The CQL
 * name and cell kind are worked out once: scans ask for them for every cell of every row.
 */
public final class ColumnSchema {

  private final CqlIdentifier name;
  private final DataType type;
  private final Role role;
  private final String cql;
  private final CellKind cellKind;

  public ColumnSchema(CqlIdentifier name, DataType type, Role role) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.role = Objects.requireNonNull(role, "role");
    this.cql = name.asCql(true);
    this.cellKind = kindOf(type);
  }

  public CqlIdentifier name() {
    return name;
  }

  public DataType type() {
    return type;
  }

  public Role role() {
    return role;
  }

  /** Where the column sits in the table. */
  public enum Role {
    PARTITION_KEY, CLUSTERING, STATIC, REGULAR
  }

  /** How the column's cells are stored, which decides how writetime and TTL can be read and written. */
  public enum CellKind {
    /** One cell: a scalar, or a frozen collection, UDT or tuple. */
    SINGLE,
    /** A non-frozen list: one cell per element, keyed by a server-generated timeuuid. */
    LIST,
    /** A non-frozen set: one cell per element. */
    SET,
    /** A non-frozen map: one cell per entry. */
    MAP,
    /** A non-frozen UDT: one cell per non-null field. */
    UDT,
    /** A counter: no writetime or TTL can be read or set. */
    COUNTER
  }

  public boolean isPrimaryKey() {
    return role == Role.PARTITION_KEY || role == Role.CLUSTERING;
  }

  public boolean isStatic() {
    return role == Role.STATIC;
  }

  public CellKind cellKind() {
    return cellKind;
  }

  private static CellKind kindOf(DataType type) {
    if (type.getProtocolCode() == ProtocolConstants.DataType.COUNTER) {
      return CellKind.COUNTER;
    }
    if (type instanceof ListType list && !list.isFrozen()) {
      return CellKind.LIST;
    }
    if (type instanceof SetType set && !set.isFrozen()) {
      return CellKind.SET;
    }
    if (type instanceof MapType map && !map.isFrozen()) {
      return CellKind.MAP;
    }
    if (type instanceof UserDefinedType udt && !udt.isFrozen()) {
      return CellKind.UDT;
    }
    return CellKind.SINGLE;
  }

  /** True when {@code WRITETIME}/{@code TTL} of the column answer a list, one entry per cell. */
  public boolean isMultiCell() {
    CellKind kind = cellKind();
    return kind != CellKind.SINGLE && kind != CellKind.COUNTER;
  }

  /** The name as it must appear in CQL text (quoted when needed). */
  public String cql() {
    return cql;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ColumnSchema that && name.equals(that.name) && type.equals(that.type)
        && role == that.role;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, role);
  }

  @Override
  public String toString() {
    return cql + " " + type.asCql(true, true) + " (" + role + ")";
  }
}
