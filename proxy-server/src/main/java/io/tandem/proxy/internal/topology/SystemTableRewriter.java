package io.tandem.proxy.internal.topology;

import com.datastax.oss.protocol.internal.ProtocolConstants;
import com.datastax.oss.protocol.internal.response.result.ColumnSpec;
import com.datastax.oss.protocol.internal.response.result.DefaultRows;
import com.datastax.oss.protocol.internal.response.result.RawType;
import com.datastax.oss.protocol.internal.response.result.Rows;
import com.datastax.oss.protocol.internal.response.result.RowsMetadata;
import io.tandem.core.api.Side;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;

/**
 * Rewrites the source cluster's answers to queries on {@code system.local}, {@code system.peers} and
 * {@code system.peers_v2} so that drivers see the proxy instances of a {@link ProxyTopology} as the cluster's
 * nodes.
 *
 * <p>Columns are matched by name and CQL type, so selectors and aliases are left alone. {@code system.local}
 * keeps its row with the addresses, ports, host id and token of the proxy instance the client connected to.
 * The peers tables get one row per other instance; their data center, rack, release version and schema
 * version are those of the last {@code system.local} row rewritten (null before one is), and their tokens
 * follow its partitioner (Murmur3Partitioner until one is known). The metadata, paging state included, is
 * kept as is; results without column metadata are returned unchanged. The cluster name and data center stay the
 * source's whichever cluster answers (see {@link ClusterIdentity}). Thread-safe.
 */
public final class SystemTableRewriter {

  /** The system tables that describe the cluster's nodes. */
  public enum SystemTable {
    LOCAL,
    PEERS,
    PEERS_V2
  }

  private enum Value {
    ADDRESS(primitive(ProtocolConstants.DataType.INET)),
    PORT(primitive(ProtocolConstants.DataType.INT)),
    HOST_ID(primitive(ProtocolConstants.DataType.UUID)),
    TOKENS(new RawType.RawSet(primitive(ProtocolConstants.DataType.VARCHAR)));

    private final RawType type;

    Value(RawType type) {
      this.type = type;
    }
  }

  private static final Map<String, Value> LOCAL_COLUMNS = Map.of(
      "rpc_address", Value.ADDRESS,
      "broadcast_address", Value.ADDRESS,
      "listen_address", Value.ADDRESS,
      "rpc_port", Value.PORT,
      "broadcast_port", Value.PORT,
      "listen_port", Value.PORT,
      "native_port", Value.PORT,
      "host_id", Value.HOST_ID,
      "tokens", Value.TOKENS);

  private static final Map<String, Value> PEER_COLUMNS = Map.of(
      "peer", Value.ADDRESS,
      "rpc_address", Value.ADDRESS,
      "native_address", Value.ADDRESS,
      "preferred_ip", Value.ADDRESS,
      "peer_port", Value.PORT,
      "native_port", Value.PORT,
      "preferred_port", Value.PORT,
      "host_id", Value.HOST_ID,
      "tokens", Value.TOKENS);

  private static final Set<String> PEER_COLUMNS_FROM_LOCAL =
      Set.of("data_center", "rack", "release_version", "schema_version");

  private static final String PARTITIONER_COLUMN = "partitioner";

  private final ProxyTopology topology;
  private final ClusterIdentity identity;

  /** The cells of the last rewritten local rows by column name, later rows overriding earlier ones. */
  private volatile Map<String, ByteBuffer> localValues = Map.of();

  /** A rewriter that learns the cluster name and data center clients see from the source's first answer. */
  public SystemTableRewriter(ProxyTopology topology) {
    this(topology, null, null);
  }

  /**
   * @param clusterName the source cluster's name, shown to clients whichever cluster answers; {@code null} to
   *     learn it from the source's first {@code system.local} answer
   * @param dataCenter the source data center shown to clients likewise, or {@code null}
   */
  public SystemTableRewriter(ProxyTopology topology, String clusterName, String dataCenter) {
    this.topology = topology;
    this.identity = new ClusterIdentity(clusterName, dataCenter);
  }

  /** Whether the source's cluster name is known yet: given at start or learned from a source answer. */
  public boolean knowsSourceClusterName() {
    return identity.clusterName() != null;
  }

  /** The system table that {@code keyspace.table} names, if it is one that this rewriter handles. */
  public static Optional<SystemTable> recognise(String keyspace, String table) {
    if (keyspace == null || table == null || !keyspace.equalsIgnoreCase("system")) {
      return Optional.empty();
    }
    return switch (table.toLowerCase(Locale.ROOT)) {
      case "local" -> Optional.of(SystemTable.LOCAL);
      case "peers" -> Optional.of(SystemTable.PEERS);
      case "peers_v2" -> Optional.of(SystemTable.PEERS_V2);
      default -> Optional.empty();
    };
  }

  /**
   * The rows that the proxy instance {@code self} answers in place of the source cluster's.
   *
   * @param self the proxy address that the client connected to
   * @param answeredBy the cluster whose answer {@code rows} is: its cluster name and data center are replaced by
   *     the source's
   * @throws IllegalArgumentException if a {@code tokens} column is asked for and the source cluster's
   *     partitioner is neither Murmur3Partitioner nor RandomPartitioner
   */
  public Rows rewrite(SystemTable table, Rows rows, InetSocketAddress self, Side answeredBy) {
    RowsMetadata metadata = rows.getMetadata();
    if (metadata.columnSpecs.isEmpty()) {
      return rows;
    }
    return switch (table) {
      case LOCAL -> new DefaultRows(metadata, rewriteLocal(metadata.columnSpecs, rows.getData(), self, answeredBy));
      case PEERS, PEERS_V2 -> new DefaultRows(metadata, peers(metadata.columnSpecs, self));
    };
  }

  private Queue<List<ByteBuffer>> rewriteLocal(
      List<ColumnSpec> columns, Queue<List<ByteBuffer>> rows, InetSocketAddress self, Side answeredBy) {
    Queue<List<ByteBuffer>> rewritten = new ArrayDeque<>(rows.size());
    for (List<ByteBuffer> row : rows) {
      List<ByteBuffer> localRow = rewriteLocalRow(columns, row, self);
      identity.apply(answeredBy, columns, localRow);
      remember(columns, localRow);
      rewritten.add(localRow);
    }
    return rewritten;
  }

  private List<ByteBuffer> rewriteLocalRow(List<ColumnSpec> columns, List<ByteBuffer> row, InetSocketAddress self) {
    String partitioner = partitionerOf(columns, row);
    List<ByteBuffer> rewritten = new ArrayList<>(row);
    for (int index = 0; index < columns.size(); index++) {
      Value value = matching(LOCAL_COLUMNS, columns.get(index));
      if (value != null) {
        rewritten.set(index, encode(value, self, partitioner));
      }
    }
    return rewritten;
  }

  private void remember(List<ColumnSpec> columns, List<ByteBuffer> row) {
    Map<String, ByteBuffer> values = new HashMap<>(localValues);
    for (int index = 0; index < columns.size(); index++) {
      ByteBuffer cell = row.get(index);
      if (cell == null) {
        values.remove(columns.get(index).name);
      } else {
        values.put(columns.get(index).name, cell.asReadOnlyBuffer());
      }
    }
    localValues = Map.copyOf(values);
  }

  private Queue<List<ByteBuffer>> peers(List<ColumnSpec> columns, InetSocketAddress self) {
    Map<String, ByteBuffer> local = localValues;
    String partitioner = partitionerOr(CqlValues.text(local.get(PARTITIONER_COLUMN)));
    Queue<List<ByteBuffer>> rows = new ArrayDeque<>();
    for (InetSocketAddress peer : topology.peersOf(self)) {
      List<ByteBuffer> row = new ArrayList<>(columns.size());
      for (ColumnSpec column : columns) {
        row.add(peerCell(column, peer, local, partitioner));
      }
      rows.add(row);
    }
    return rows;
  }

  private ByteBuffer peerCell(
      ColumnSpec column, InetSocketAddress peer, Map<String, ByteBuffer> local, String partitioner) {
    Value value = matching(PEER_COLUMNS, column);
    if (value != null) {
      return encode(value, peer, partitioner);
    }
    if (PEER_COLUMNS_FROM_LOCAL.contains(column.name) && local.containsKey(column.name)) {
      return local.get(column.name).duplicate();
    }
    return null;
  }

  private ByteBuffer encode(Value value, InetSocketAddress instance, String partitioner) {
    return switch (value) {
      case ADDRESS -> CqlValues.inet(instance.getAddress());
      case PORT -> CqlValues.integer(instance.getPort());
      case HOST_ID -> CqlValues.uuid(topology.hostId(instance));
      case TOKENS -> CqlValues.textSet(topology.tokens(instance, partitioner));
    };
  }

  private static Value matching(Map<String, Value> values, ColumnSpec column) {
    Value value = values.get(column.name);
    return value != null && value.type.equals(column.type) ? value : null;
  }

  private static String partitionerOf(List<ColumnSpec> columns, List<ByteBuffer> row) {
    for (int index = 0; index < columns.size(); index++) {
      if (columns.get(index).name.equals(PARTITIONER_COLUMN)) {
        return partitionerOr(CqlValues.text(row.get(index)));
      }
    }
    return ProxyTopology.DEFAULT_PARTITIONER;
  }

  private static String partitionerOr(String partitioner) {
    return partitioner == null ? ProxyTopology.DEFAULT_PARTITIONER : partitioner;
  }

  private static RawType primitive(int typeId) {
    return RawType.PRIMITIVES.get(typeId);
  }
}
