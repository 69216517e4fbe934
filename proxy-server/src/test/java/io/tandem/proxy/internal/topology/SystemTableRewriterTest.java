package io.tandem.proxy.internal.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.protocol.internal.ProtocolConstants.DataType;
import com.datastax.oss.protocol.internal.response.result.ColumnSpec;
import com.datastax.oss.protocol.internal.response.result.DefaultRows;
import com.datastax.oss.protocol.internal.response.result.RawType;
import com.datastax.oss.protocol.internal.response.result.Rows;
import com.datastax.oss.protocol.internal.response.result.RowsMetadata;
import io.tandem.core.api.Side;
import io.tandem.proxy.internal.topology.SystemTableRewriter.SystemTable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SystemTableRewriterTest {

  private static final RawType INET = RawType.PRIMITIVES.get(DataType.INET);
  private static final RawType INT = RawType.PRIMITIVES.get(DataType.INT);
  private static final RawType UUID_TYPE = RawType.PRIMITIVES.get(DataType.UUID);
  private static final RawType TEXT = RawType.PRIMITIVES.get(DataType.VARCHAR);
  private static final RawType TEXT_SET = new RawType.RawSet(TEXT);

  private static final String MURMUR3 = "org.apache.cassandra.dht.Murmur3Partitioner";
  private static final String RANDOM = "org.apache.cassandra.dht.RandomPartitioner";

  private static final InetSocketAddress FIRST = new InetSocketAddress("127.0.0.1", 9042);
  private static final InetSocketAddress SECOND = new InetSocketAddress("127.0.0.2", 9043);
  private static final InetSocketAddress THIRD = new InetSocketAddress("127.0.0.3", 9044);
  private static final InetSocketAddress SOURCE_NODE = new InetSocketAddress("10.0.0.7", 9042);
  private static final UUID SCHEMA_VERSION = UUID.fromString("4f2b29e6-59b5-3ab7-a5b8-2f0e2a5bd2e5");
  private static final UUID OTHER_SCHEMA_VERSION = UUID.fromString("9a1c7b2e-1f3d-3c4a-8e5b-6d7f8a9b0c1d");

  private final ProxyTopology topology = new ProxyTopology(List.of(FIRST, SECOND, THIRD));
  private final SystemTableRewriter rewriter = new SystemTableRewriter(topology);

  @Test
  void should_recognise_the_system_tables_that_describe_nodes() {
    assertThat(SystemTableRewriter.recognise("system", "local")).contains(SystemTable.LOCAL);
    assertThat(SystemTableRewriter.recognise("SYSTEM", "Peers")).contains(SystemTable.PEERS);
    assertThat(SystemTableRewriter.recognise("System", "peers_v2")).contains(SystemTable.PEERS_V2);
    assertThat(SystemTableRewriter.recognise("system_schema", "local")).isEmpty();
    assertThat(SystemTableRewriter.recognise("system", "size_estimates")).isEmpty();
    assertThat(SystemTableRewriter.recognise("app", "peers")).isEmpty();
  }

  @Test
  void should_put_the_proxy_address_port_and_host_id_in_the_local_row() {
    Rows rewritten = rewriter.rewrite(SystemTable.LOCAL, localRows(MURMUR3), SECOND, Side.SOURCE);

    List<ByteBuffer> row = onlyRow(rewritten);
    for (String column : List.of("rpc_address", "broadcast_address", "listen_address")) {
      assertThat(inet(cell(rewritten, row, column))).as(column).isEqualTo(SECOND.getAddress());
    }
    for (String column : List.of("rpc_port", "broadcast_port", "listen_port", "native_port")) {
      assertThat(integer(cell(rewritten, row, column))).as(column).isEqualTo(9043);
    }
    assertThat(uuid(cell(rewritten, row, "host_id"))).isEqualTo(topology.hostId(SECOND));
    assertThat(textSet(cell(rewritten, row, "tokens"))).isEqualTo(topology.tokens(SECOND, MURMUR3));
  }

  @Test
  void should_give_the_local_tokens_of_the_partitioner_of_the_row() {
    Rows rewritten = rewriter.rewrite(SystemTable.LOCAL, localRows(RANDOM), FIRST, Side.SOURCE);

    assertThat(textSet(cell(rewritten, onlyRow(rewritten), "tokens"))).containsExactly("0");
  }

  @Test
  void should_assume_murmur3_without_a_partitioner_column() {
    Rows rows = rows(metadata(column("tokens", TEXT_SET)), List.of(textSetOf("1", "2")));

    Rows rewritten = rewriter.rewrite(SystemTable.LOCAL, rows, FIRST, Side.SOURCE);

    assertThat(textSet(cell(rewritten, onlyRow(rewritten), "tokens"))).containsExactly(Long.toString(Long.MIN_VALUE));
  }

  @Test
  void should_write_a_sixteen_byte_address_for_an_ipv6_proxy() throws UnknownHostException {
    InetSocketAddress ipv6 = new InetSocketAddress(InetAddress.getByName("::1"), 9042);
    Rows rows = rows(metadata(column("rpc_address", INET)), List.of(inetOf(SOURCE_NODE)));

    Rows rewritten = new SystemTableRewriter(new ProxyTopology(List.of())).rewrite(SystemTable.LOCAL, rows, ipv6, Side.SOURCE);

    ByteBuffer address = onlyRow(rewritten).get(0);
    assertThat(address.remaining()).isEqualTo(16);
    assertThat(inet(address)).isEqualTo(ipv6.getAddress());
  }

  @Test
  void should_leave_other_local_columns_alone() {
    Rows rows = localRows(MURMUR3);

    Rows rewritten = rewriter.rewrite(SystemTable.LOCAL, rows, FIRST, Side.SOURCE);

    List<ByteBuffer> original = onlyRow(rows);
    List<ByteBuffer> row = onlyRow(rewritten);
    for (String column : List.of("key", "cluster_name", "data_center", "rack", "partitioner", "address_alias")) {
      assertThat(cell(rewritten, row, column)).as(column).isEqualTo(cell(rows, original, column));
    }
    assertThat(inet(cell(rewritten, row, "address_alias"))).isEqualTo(SOURCE_NODE.getAddress());
  }

  @Test
  void should_show_the_source_cluster_name_and_data_center_when_the_target_answers() {
    rewriter.rewrite(SystemTable.LOCAL, localRows(MURMUR3, "source", "dc1"), FIRST, Side.SOURCE);

    Rows fromTarget = rewriter.rewrite(SystemTable.LOCAL, localRows(MURMUR3, "target", "dc2"), FIRST, Side.TARGET);
    Rows peers = rewriter.rewrite(SystemTable.PEERS,
        realPeers(metadata(column("peer", INET), column("data_center", TEXT))), FIRST, Side.TARGET);

    assertThat(text(cell(fromTarget, onlyRow(fromTarget), "cluster_name"))).isEqualTo("source");
    assertThat(text(cell(fromTarget, onlyRow(fromTarget), "data_center"))).isEqualTo("dc1");
    assertThat(peers.getData()).extracting(row -> text(row.get(1))).containsOnly("dc1");
  }

  @Test
  void should_show_the_given_names_before_the_source_ever_answers() {
    SystemTableRewriter restarted = new SystemTableRewriter(topology, "source", "dc1");

    Rows fromTarget = restarted.rewrite(SystemTable.LOCAL, localRows(MURMUR3, "target", "dc2"), FIRST, Side.TARGET);

    assertThat(text(cell(fromTarget, onlyRow(fromTarget), "cluster_name"))).isEqualTo("source");
    assertThat(text(cell(fromTarget, onlyRow(fromTarget), "data_center"))).isEqualTo("dc1");
  }

  @Test
  void should_learn_the_names_from_the_source_only() {
    Rows first = rewriter.rewrite(SystemTable.LOCAL, localRows(MURMUR3, "target", "dc2"), FIRST, Side.TARGET);
    rewriter.rewrite(SystemTable.LOCAL, localRows(MURMUR3, "source", "dc1"), FIRST, Side.SOURCE);
    Rows later = rewriter.rewrite(SystemTable.LOCAL, localRows(MURMUR3, "target", "dc2"), FIRST, Side.TARGET);

    assertThat(text(cell(first, onlyRow(first), "cluster_name"))).as("nothing to show yet").isEqualTo("target");
    assertThat(text(cell(later, onlyRow(later), "cluster_name"))).isEqualTo("source");
    assertThat(text(cell(later, onlyRow(later), "data_center"))).isEqualTo("dc1");
  }

  @Test
  void should_not_match_a_column_of_another_type() {
    Rows rows = rows(metadata(column("rpc_port", TEXT)), List.of(text("not a port")));

    Rows rewritten = rewriter.rewrite(SystemTable.LOCAL, rows, FIRST, Side.SOURCE);

    assertThat(text(onlyRow(rewritten).get(0))).isEqualTo("not a port");
  }

  @Test
  void should_keep_the_metadata() {
    ByteBuffer pagingState = ByteBuffer.wrap(new byte[] {1, 2, 3});
    RowsMetadata metadata =
        new RowsMetadata(List.of(column("peer", INET), column("data_center", TEXT)), pagingState, null, null);

    Rows local = localRows(MURMUR3);

    Rows rewrittenLocal = rewriter.rewrite(SystemTable.LOCAL, local, FIRST, Side.SOURCE);
    Rows rewrittenPeers = rewriter.rewrite(SystemTable.PEERS, realPeers(metadata), FIRST, Side.SOURCE);

    assertThat(rewrittenLocal.getMetadata()).isSameAs(local.getMetadata());
    assertThat(rewrittenPeers.getMetadata()).isSameAs(metadata);
    assertThat(rewrittenPeers.getMetadata().pagingState).isEqualTo(pagingState);
  }

  @Test
  void should_return_rows_without_column_metadata_unchanged() {
    Rows rows = new DefaultRows(new RowsMetadata(2, null, null, null), rowsOf(List.of(text("a"), text("b"))));

    assertThat(rewriter.rewrite(SystemTable.LOCAL, rows, FIRST, Side.SOURCE)).isSameAs(rows);
    assertThat(rewriter.rewrite(SystemTable.PEERS, rows, FIRST, Side.SOURCE)).isSameAs(rows);
  }

  @Test
  void should_give_one_peer_row_per_other_proxy_instance() {
    rewriter.rewrite(SystemTable.LOCAL, localRows(MURMUR3), FIRST, Side.SOURCE);
    RowsMetadata metadata = metadata(
        column("peer", INET), column("data_center", TEXT), column("host_id", UUID_TYPE), column("rack", TEXT),
        column("release_version", TEXT), column("rpc_address", INET), column("schema_version", UUID_TYPE),
        column("tokens", TEXT_SET), column("preferred_ip", INET), column("workload", TEXT));

    Rows rewritten = rewriter.rewrite(SystemTable.PEERS, realPeers(metadata), FIRST, Side.SOURCE);

    List<List<ByteBuffer>> rows = new ArrayList<>(rewritten.getData());
    assertThat(rows).hasSize(2);
    assertPeerRow(rewritten, rows.get(0), SECOND);
    assertPeerRow(rewritten, rows.get(1), THIRD);
    for (List<ByteBuffer> row : rows) {
      assertThat(inet(cell(rewritten, row, "peer"))).isEqualTo(inet(cell(rewritten, row, "rpc_address")));
      assertThat(inet(cell(rewritten, row, "preferred_ip"))).isEqualTo(inet(cell(rewritten, row, "rpc_address")));
      assertThat(text(cell(rewritten, row, "data_center"))).isEqualTo("dc1");
      assertThat(text(cell(rewritten, row, "rack"))).isEqualTo("rack1");
      assertThat(text(cell(rewritten, row, "release_version"))).isEqualTo("4.1.5");
      assertThat(uuid(cell(rewritten, row, "schema_version"))).isEqualTo(SCHEMA_VERSION);
      assertThat(cell(rewritten, row, "workload")).isNull();
    }
  }

  @Test
  void should_fill_the_ports_of_peers_v2() {
    rewriter.rewrite(SystemTable.LOCAL, localRows(MURMUR3), THIRD, Side.SOURCE);
    RowsMetadata metadata = metadata(
        column("peer", INET), column("peer_port", INT), column("native_address", INET), column("native_port", INT),
        column("preferred_ip", INET), column("preferred_port", INT), column("data_center", TEXT));

    Rows rewritten = rewriter.rewrite(SystemTable.PEERS_V2, realPeers(metadata), THIRD, Side.SOURCE);

    List<List<ByteBuffer>> rows = new ArrayList<>(rewritten.getData());
    assertThat(rows).hasSize(2);
    List<InetSocketAddress> expected = List.of(FIRST, SECOND);
    for (int index = 0; index < rows.size(); index++) {
      List<ByteBuffer> row = rows.get(index);
      InetSocketAddress peer = expected.get(index);
      for (String column : List.of("peer", "native_address", "preferred_ip")) {
        assertThat(inet(cell(rewritten, row, column))).as(column).isEqualTo(peer.getAddress());
      }
      for (String column : List.of("peer_port", "native_port", "preferred_port")) {
        assertThat(integer(cell(rewritten, row, column))).as(column).isEqualTo(peer.getPort());
      }
      assertThat(text(cell(rewritten, row, "data_center"))).isEqualTo("dc1");
    }
  }

  @Test
  void should_give_peer_tokens_of_the_partitioner_of_the_local_row() {
    rewriter.rewrite(SystemTable.LOCAL, localRows(RANDOM), FIRST, Side.SOURCE);
    RowsMetadata metadata = metadata(column("peer", INET), column("tokens", TEXT_SET));

    Rows rewritten = rewriter.rewrite(SystemTable.PEERS, realPeers(metadata), FIRST, Side.SOURCE);

    List<List<ByteBuffer>> rows = new ArrayList<>(rewritten.getData());
    assertThat(textSet(cell(rewritten, rows.get(0), "tokens"))).isEqualTo(topology.tokens(SECOND, RANDOM));
    assertThat(textSet(cell(rewritten, rows.get(1), "tokens"))).isEqualTo(topology.tokens(THIRD, RANDOM));
  }

  @Test
  void should_keep_what_earlier_local_rows_said_when_a_later_query_selects_less() {
    rewriter.rewrite(SystemTable.LOCAL, localRows(MURMUR3), FIRST, Side.SOURCE);
    Rows schemaVersionOnly =
        rows(metadata(column("schema_version", UUID_TYPE)), List.of(uuidOf(OTHER_SCHEMA_VERSION)));
    rewriter.rewrite(SystemTable.LOCAL, schemaVersionOnly, FIRST, Side.SOURCE);
    RowsMetadata metadata = metadata(column("data_center", TEXT), column("schema_version", UUID_TYPE));

    Rows rewritten = rewriter.rewrite(SystemTable.PEERS, realPeers(metadata), FIRST, Side.SOURCE);

    List<ByteBuffer> row = rewritten.getData().peek();
    assertThat(text(cell(rewritten, row, "data_center"))).isEqualTo("dc1");
    assertThat(uuid(cell(rewritten, row, "schema_version"))).isEqualTo(OTHER_SCHEMA_VERSION);
  }

  @Test
  void should_leave_local_columns_of_peers_null_before_a_local_row_is_seen() {
    RowsMetadata metadata = metadata(column("peer", INET), column("data_center", TEXT), column("tokens", TEXT_SET));

    Rows rewritten = rewriter.rewrite(SystemTable.PEERS, realPeers(metadata), FIRST, Side.SOURCE);

    List<ByteBuffer> row = rewritten.getData().peek();
    assertThat(cell(rewritten, row, "data_center")).isNull();
    assertThat(textSet(cell(rewritten, row, "tokens"))).isEqualTo(topology.tokens(SECOND, MURMUR3));
  }

  @Test
  void should_give_no_peers_to_a_single_proxy() {
    SystemTableRewriter single = new SystemTableRewriter(new ProxyTopology(List.of()));
    RowsMetadata metadata = metadata(column("peer", INET), column("data_center", TEXT));

    Rows rewritten = single.rewrite(SystemTable.PEERS, realPeers(metadata), FIRST, Side.SOURCE);

    assertThat(rewritten.getMetadata()).isSameAs(metadata);
    assertThat(rewritten.getData()).isEmpty();
  }

  @Test
  void should_refuse_a_partitioner_it_cannot_split() {
    Rows rows = localRows("org.apache.cassandra.dht.ByteOrderedPartitioner");

    assertThatThrownBy(() -> rewriter.rewrite(SystemTable.LOCAL, rows, FIRST, Side.SOURCE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ByteOrderedPartitioner");
  }

  private void assertPeerRow(Rows rows, List<ByteBuffer> row, InetSocketAddress peer) {
    assertThat(inet(cell(rows, row, "peer"))).isEqualTo(peer.getAddress());
    assertThat(uuid(cell(rows, row, "host_id"))).isEqualTo(topology.hostId(peer));
    assertThat(textSet(cell(rows, row, "tokens"))).isEqualTo(topology.tokens(peer, MURMUR3));
  }

  /** A system.local row as the source node answers it, with an aliased address that is not rewritten. */
  private static Rows localRows(String partitioner) {
    return localRows(partitioner, "source", "dc1");
  }

  private static Rows localRows(String partitioner, String clusterName, String dataCenter) {
    RowsMetadata metadata = metadata(
        column("key", TEXT), column("broadcast_address", INET), column("broadcast_port", INT),
        column("cluster_name", TEXT), column("data_center", TEXT), column("host_id", UUID_TYPE),
        column("listen_address", INET), column("listen_port", INT), column("native_port", INT),
        column("partitioner", TEXT), column("rack", TEXT), column("release_version", TEXT),
        column("rpc_address", INET), column("rpc_port", INT), column("schema_version", UUID_TYPE),
        column("tokens", TEXT_SET), column("address_alias", INET));
    return rows(metadata, List.of(
        text("local"), inetOf(SOURCE_NODE), integerOf(7000), text(clusterName), text(dataCenter),
        uuidOf(UUID.randomUUID()), inetOf(SOURCE_NODE), integerOf(7000), integerOf(9042), text(partitioner),
        text("rack1"), text("4.1.5"), inetOf(SOURCE_NODE), integerOf(9042), uuidOf(SCHEMA_VERSION),
        textSetOf("-9000", "0", "9000"), inetOf(SOURCE_NODE)));
  }

  /** Two rows of real source nodes, which the rewriter discards. */
  private static Rows realPeers(RowsMetadata metadata) {
    Queue<List<ByteBuffer>> data = new ArrayDeque<>();
    for (int node = 0; node < 2; node++) {
      List<ByteBuffer> row = new ArrayList<>();
      for (int index = 0; index < metadata.columnCount; index++) {
        row.add(text("real"));
      }
      data.add(row);
    }
    return new DefaultRows(metadata, data);
  }

  private static ColumnSpec column(String name, RawType type) {
    return new ColumnSpec("system", "table", name, 0, type);
  }

  private static RowsMetadata metadata(ColumnSpec... columns) {
    return new RowsMetadata(Arrays.asList(columns), null, null, null);
  }

  private static Rows rows(RowsMetadata metadata, List<ByteBuffer> row) {
    return new DefaultRows(metadata, rowsOf(row));
  }

  private static Queue<List<ByteBuffer>> rowsOf(List<ByteBuffer> row) {
    Queue<List<ByteBuffer>> data = new ArrayDeque<>();
    data.add(row);
    return data;
  }

  private static List<ByteBuffer> onlyRow(Rows rows) {
    assertThat(rows.getData()).hasSize(1);
    return rows.getData().peek();
  }

  private static ByteBuffer cell(Rows rows, List<ByteBuffer> row, String column) {
    List<ColumnSpec> columns = rows.getMetadata().columnSpecs;
    for (int index = 0; index < columns.size(); index++) {
      if (columns.get(index).name.equals(column)) {
        return row.get(index);
      }
    }
    throw new AssertionError("no column " + column);
  }

  private static ByteBuffer text(String value) {
    return ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(ByteBuffer cell) {
    return StandardCharsets.UTF_8.decode(cell.duplicate()).toString();
  }

  private static ByteBuffer inetOf(InetSocketAddress address) {
    return ByteBuffer.wrap(address.getAddress().getAddress());
  }

  private static InetAddress inet(ByteBuffer cell) {
    byte[] bytes = new byte[cell.remaining()];
    cell.duplicate().get(bytes);
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static ByteBuffer integerOf(int value) {
    return ByteBuffer.allocate(4).putInt(0, value);
  }

  private static int integer(ByteBuffer cell) {
    assertThat(cell.remaining()).isEqualTo(4);
    return cell.getInt(cell.position());
  }

  private static ByteBuffer uuidOf(UUID value) {
    return ByteBuffer.allocate(16)
        .putLong(0, value.getMostSignificantBits())
        .putLong(8, value.getLeastSignificantBits());
  }

  private static UUID uuid(ByteBuffer cell) {
    assertThat(cell.remaining()).isEqualTo(16);
    return new UUID(cell.getLong(cell.position()), cell.getLong(cell.position() + 8));
  }

  private static ByteBuffer textSetOf(String... elements) {
    ByteBuffer buffer = ByteBuffer.allocate(1024).putInt(elements.length);
    for (String element : elements) {
      byte[] bytes = element.getBytes(StandardCharsets.UTF_8);
      buffer.putInt(bytes.length).put(bytes);
    }
    return buffer.flip();
  }

  private static Set<String> textSet(ByteBuffer cell) {
    ByteBuffer buffer = cell.duplicate();
    int count = buffer.getInt();
    Set<String> elements = new HashSet<>();
    for (int element = 0; element < count; element++) {
      byte[] bytes = new byte[buffer.getInt()];
      buffer.get(bytes);
      elements.add(new String(bytes, StandardCharsets.UTF_8));
    }
    assertThat(buffer.hasRemaining()).isFalse();
    return elements;
  }
}
