package io.tandem.validator.internal.schema;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import io.tandem.validator.internal.schema.ColumnSchema.CellKind;
import io.tandem.validator.internal.schema.ColumnSchema.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The shape of one table as the driver's schema metadata describes it, in the order scans select it. */
public final class TableSchema {

  private final CqlIdentifier keyspace;
  private final CqlIdentifier table;
  private final List<ColumnSchema> partitionKey;
  private final List<ColumnSchema> clustering;
  private final List<ColumnSchema> cells;

  private TableSchema(TableMetadata metadata) {
    this.keyspace = metadata.getKeyspace();
    this.table = metadata.getName();
    List<ColumnSchema> partition = new ArrayList<>();
    metadata.getPartitionKey().forEach(column -> partition.add(column(column, Role.PARTITION_KEY)));
    List<ColumnSchema> clusteringColumns = new ArrayList<>();
    metadata.getClusteringColumns().keySet()
        .forEach(column -> clusteringColumns.add(column(column, Role.CLUSTERING)));
    List<ColumnSchema> cellColumns = new ArrayList<>();
    for (ColumnMetadata column : metadata.getColumns().values()) {
      if (!metadata.getPrimaryKey().contains(column)) {
        cellColumns.add(column(column, column.isStatic() ? Role.STATIC : Role.REGULAR));
      }
    }
    this.partitionKey = Collections.unmodifiableList(partition);
    this.clustering = Collections.unmodifiableList(clusteringColumns);
    this.cells = Collections.unmodifiableList(cellColumns);
  }

  /**
   * Reads the schema of {@code keyspace.table} from {@code session}'s metadata.
   *
   * @throws IllegalArgumentException naming the cluster when the keyspace or table does not exist there
   */
  public static TableSchema read(CqlSession session, String keyspace, String table) {
    Map<CqlIdentifier, KeyspaceMetadata> keyspaces = session.getMetadata().getKeyspaces();
    KeyspaceMetadata keyspaceMetadata = keyspaces.get(CqlIdentifier.fromCql(keyspace));
    if (keyspaceMetadata == null) {
      throw new IllegalArgumentException(
          "Keyspace " + keyspace + " does not exist on " + session.getName()
              + ": create it (with the same schema as the other cluster) before copying or validating");
    }
    TableMetadata tableMetadata =
        keyspaceMetadata.getTable(CqlIdentifier.fromCql(table))
            .orElseThrow(() -> new IllegalArgumentException(
                "Table " + keyspace + "." + table + " does not exist on " + session.getName()
                    + ": create it with the same schema as the other cluster first"));
    return new TableSchema(tableMetadata);
  }

  public static TableSchema of(TableMetadata metadata) {
    return new TableSchema(metadata);
  }

  private static ColumnSchema column(ColumnMetadata column, Role role) {
    return new ColumnSchema(column.getName(), column.getType(), role);
  }

  public CqlIdentifier keyspace() {
    return keyspace;
  }

  public CqlIdentifier table() {
    return table;
  }

  /** {@code keyspace.table}, quoted where CQL needs it. */
  public String qualifiedName() {
    return keyspace.asCql(true) + "." + table.asCql(true);
  }

  /** {@code keyspace.table} as a person writes it, for reports and logs. */
  public String displayName() {
    return keyspace.asInternal() + "." + table.asInternal();
  }

  public List<ColumnSchema> partitionKey() {
    return partitionKey;
  }

  public List<ColumnSchema> clustering() {
    return clustering;
  }

  /** Partition key then clustering columns. */
  public List<ColumnSchema> primaryKey() {
    List<ColumnSchema> key = new ArrayList<>(partitionKey);
    key.addAll(clustering);
    return key;
  }

  /** The non-key columns, static ones included, in metadata order. */
  public List<ColumnSchema> cells() {
    return cells;
  }

  public boolean isCounterTable() {
    return cells.stream().anyMatch(column -> column.cellKind() == CellKind.COUNTER);
  }

  public boolean hasStaticColumns() {
    return cells.stream().anyMatch(ColumnSchema::isStatic);
  }

  /** {@code token(pk1, pk2...)} for this table. */
  public String tokenFunction() {
    StringBuilder cql = new StringBuilder("token(");
    for (int index = 0; index < partitionKey.size(); index++) {
      cql.append(index == 0 ? "" : ", ").append(partitionKey.get(index).cql());
    }
    return cql.append(')').toString();
  }

  /**
   * Checks that {@code other} (the same table read from the other cluster) has the same columns and types,
   * naming the first difference.
   */
  public void requireSameShape(TableSchema other, String otherCluster) {
    if (!describe().equals(other.describe())) {
      throw new IllegalArgumentException(
          "Table " + displayName() + " differs on " + otherCluster + ": expected " + describe() + " but found "
              + other.describe() + ". Make both schemas identical first.");
    }
  }

  private String describe() {
    StringBuilder text = new StringBuilder();
    for (ColumnSchema column : primaryKey()) {
      text.append(column.role()).append(' ').append(column.cql()).append(' ').append(column.type().asCql(false, true))
          .append("; ");
    }
    cells.stream().sorted((left, right) -> left.cql().compareTo(right.cql()))
        .forEach(column -> text.append(column.role()).append(' ').append(column.cql()).append(' ')
            .append(column.type().asCql(false, true)).append("; "));
    return text.toString();
  }
}
