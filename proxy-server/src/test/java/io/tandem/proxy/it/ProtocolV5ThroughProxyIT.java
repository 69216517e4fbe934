package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultProtocolVersion;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.protocol.internal.Compressor;
import com.datastax.oss.protocol.internal.Segment;
import com.datastax.oss.protocol.internal.SegmentCodec;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.proxy.internal.frame.ByteBufPrimitiveCodec;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java driver 4 over native protocol v5 (segment framing) through the proxy, in SYNC mode, against the
 * two real clusters: both speak v5, so the proxy offers it and drivers negotiate it by themselves.
 */
@TandemClusters
class ProtocolV5ThroughProxyIT {

  /** Larger than a segment's payload (128 KiB): such frames travel in several segments. */
  private static final int LARGE = 300 * 1024;
  private static ProxyFixture fixture;
  private static CqlSession client;
  private static ClusterPair clusters;
  private static String table;

  /** One table for the whole class (schema changes are slow): each test writes its own partition. */
  @BeforeAll
  static void startProxy(ClusterPair pair) {
    clusters = pair;
    table = clusters.keyspace() + ".v5_items";
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.v5_items");
    clusters.executeOnBoth("CREATE TABLE %s.v5_items (k int, c int, v text, PRIMARY KEY (k, c))");
    fixture = ProxyFixture.start(clusters, MirrorMode.SYNC);
    client = fixture.clientSession(v5());
  }

  @AfterAll
  static void stopProxy() {
    client.close();
    fixture.close();
  }

  @AfterEach
  void readFromTheSource() {
    fixture.proxy().control().routeReadsTo(Side.SOURCE);
  }

  @Test
  void should_negotiate_v5_without_being_asked_and_only_know_the_proxy() {
    try (CqlSession negotiating = fixture.clientSession()) {
      assertThat(negotiating.getContext().getProtocolVersion()).isEqualTo(DefaultProtocolVersion.V5);
      assertThat(negotiating.getMetadata().getNodes().values()).extracting(Node::getEndPoint)
          .extracting(endPoint -> (InetSocketAddress) endPoint.resolve())
          .containsExactly(fixture.proxy().address());
      assertThat(negotiating.execute("SELECT rpc_address FROM system.local").one().getInetAddress(0))
          .isEqualTo(fixture.proxy().address().getAddress());
      assertThat(negotiating.execute("SELECT peer FROM system.peers").all()).isEmpty();
    }
  }

  @Test
  void should_mirror_simple_prepared_and_batch_writes_with_the_same_writetime() {
    client.execute("INSERT INTO " + table + " (k, c, v) VALUES (1, 1, 'simple')");
    PreparedStatement insert = client.prepare("INSERT INTO " + table + " (k, c, v) VALUES (?, ?, ?)");
    client.execute(insert.bind(1, 2, "prepared"));
    client.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED)
        .add(insert.bind(1, 3, "batch-prepared"))
        .add(SimpleStatement.newInstance("INSERT INTO " + table + " (k, c, v) VALUES (1, 4, 'batch-simple')")));
    client.execute(SimpleStatement.newInstance("UPDATE " + table + " SET v = :v WHERE k = :k AND c = :c")
        .setNamedValues(Map.of("v", "named", "k", 1, "c", 5)));

    assertThat(cells(clusters.targetSession(), 1)).hasSize(5).isEqualTo(cells(clusters.sourceSession(), 1));
  }

  @Test
  void should_page_from_the_read_side_and_run_prepared_reads_on_either_cluster() {
    PreparedStatement insert = client.prepare("INSERT INTO " + table + " (k, c, v) VALUES (?, ?, ?)");
    for (int c = 0; c < 23; c++) {
      client.execute(insert.bind(2, c, "both"));
    }
    clusters.executeOnSource("UPDATE %s.v5_items SET v = 'source only' WHERE k = 2 AND c = 0");

    ResultSet paged = client.execute(SimpleStatement.newInstance("SELECT v FROM " + table + " WHERE k = 2")
        .setPageSize(5));
    assertThat(paged.all()).hasSize(23).first().extracting(row -> row.getString("v")).isEqualTo("source only");

    PreparedStatement select = client.prepare("SELECT v FROM " + table + " WHERE k = ? AND c = ?");
    fixture.proxy().control().routeReadsTo(Side.TARGET);
    assertThat(client.execute(select.bind(2, 0)).one().getString("v")).isEqualTo("both");
    fixture.proxy().control().routeReadsTo(Side.SOURCE);
    assertThat(client.execute(select.bind(2, 0)).one().getString("v")).isEqualTo("source only");
  }

  @Test
  void should_answer_lightweight_transactions_from_the_primary() {
    ResultSet first = client.execute("INSERT INTO " + table + " (k, c, v) VALUES (3, 1, 'first') IF NOT EXISTS");
    ResultSet second = client.execute("INSERT INTO " + table + " (k, c, v) VALUES (3, 1, 'second') IF NOT EXISTS");

    assertThat(first.wasApplied()).isTrue();
    assertThat(second.wasApplied()).isFalse();
    assertThat(clusters.executeOnTarget("SELECT v FROM %s.v5_items WHERE k = 3 AND c = 1").one().getString("v"))
        .isEqualTo("first");
  }

  @Test
  void should_apply_use_to_both_clusters() {
    try (CqlSession session = fixture.clientSession(v5())) {
      session.execute("USE " + clusters.keyspace());
      session.execute("INSERT INTO v5_items (k, c, v) VALUES (4, 1, 'unqualified')");
      session.execute(session.prepare("INSERT INTO v5_items (k, c, v) VALUES (?, ?, ?)").bind(4, 2, "prepared"));

      assertThat(session.execute("SELECT v FROM v5_items WHERE k = 4").all()).hasSize(2);
    }
    assertThat(cells(clusters.targetSession(), 4)).hasSize(2).isEqualTo(cells(clusters.sourceSession(), 4));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "lz4"})
  void should_carry_values_larger_than_a_segment_both_ways(String compression) {
    int k = compression.equals("lz4") ? 15 : 5;
    try (CqlSession session = fixture.clientSession(v5(compression))) {
      PreparedStatement insert = session.prepare("INSERT INTO " + table + " (k, c, v) VALUES (?, ?, ?)");
      for (int c = 0; c < 4; c++) {
        session.execute(insert.bind(k, c, large(c)));
      }
      session.execute("INSERT INTO " + table + " (k, c, v) VALUES (" + k + ", 4, '" + large(4) + "')");

      ResultSet rows = session.execute(SimpleStatement.newInstance("SELECT c, v FROM " + table + " WHERE k = " + k)
          .setPageSize(3));
      assertThat(rows.all()).extracting(row -> row.getString("v"))
          .containsExactly(large(0), large(1), large(2), large(3), large(4));
    }
    assertThat(cells(clusters.targetSession(), k)).hasSize(5).isEqualTo(cells(clusters.sourceSession(), k));
  }

  @Test
  void should_negotiate_a_snappy_client_down_to_v4() {
    try (CqlSession snappy = fixture.clientSession(settings -> settings
        .withString(DefaultDriverOption.PROTOCOL_COMPRESSION, "snappy"))) {
      assertThat(snappy.getContext().getProtocolVersion()).isEqualTo(DefaultProtocolVersion.V4);
      snappy.execute("INSERT INTO " + table + " (k, c, v) VALUES (6, 1, 'snappy')");
    }
    assertThat(cells(clusters.targetSession(), 6)).hasSize(1).isEqualTo(cells(clusters.sourceSession(), 6));
  }

  @Test
  void should_forward_schema_events_to_a_v5_client() throws InterruptedException {
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS %s.v5_made_elsewhere (k int PRIMARY KEY)");

    long deadline = System.nanoTime() + 20_000_000_000L;
    while (knownTable("v5_made_elsewhere").isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(knownTable("v5_made_elsewhere")).isPresent();
  }

  @Test
  void should_answer_a_corrupt_segment_with_a_protocol_error_and_close_the_connection() throws Exception {
    SegmentCodec<ByteBuf> codec = uncompressedSegments();
    double corruptBefore = rejected("corrupt_segment");
    try (Socket socket = readyV5Connection()) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(segment(codec, frame(0x05, 2, new byte[0]), false));
      assertThat(readSegment(in, codec)).singleElement().satisfies(frame -> assertThat(frame[4]).as("SUPPORTED")
          .isEqualTo((byte) 0x06));

      out.write(segment(codec, frame(0x05, 3, new byte[0]), true));
      assertThat(readSegment(in, codec)).singleElement().satisfies(frame -> {
        assertThat(frame[4]).as("ERROR").isZero();
        assertThat(ByteBuffer.wrap(frame).getInt(9)).as("PROTOCOL_ERROR").isEqualTo(0x000A);
        assertThat(new String(frame, StandardCharsets.UTF_8)).contains("CRC mismatch on payload");
      });
      assertThat(in.read()).as("closed").isEqualTo(-1);
    }
    assertThat(rejected("corrupt_segment")).isEqualTo(corruptBefore + 1);
  }

  @Test
  void should_survive_random_frames_and_bytes_after_a_v5_handshake_and_keep_serving() throws Exception {
    SegmentCodec<ByteBuf> codec = uncompressedSegments();
    Random random = new Random(5);
    for (int connection = 0; connection < 60; connection++) {
      try (Socket socket = readyV5Connection()) {
        byte[] body = randomBytes(random, random.nextInt(64));
        byte[] garbage = switch (random.nextInt(4)) {
          case 0 -> randomBytes(random, 1 + random.nextInt(200)); // not even a segment
          case 1 -> segment(codec, randomBytes(random, 1 + random.nextInt(200)), false); // a segment of noise
          case 2 -> segment(codec, frame(0x07, 2, body), false); // a QUERY of noise
          default -> segment(codec, frame(random.nextInt(256), 2, body), false); // any opcode
        };
        socket.getOutputStream().write(garbage);
        socket.setSoTimeout(100);
        drain(socket.getInputStream());
      }
    }

    assertThat(client.execute("SELECT release_version FROM system.local").one()).isNotNull();
    try (CqlSession fresh = fixture.clientSession(v5())) {
      assertThat(fresh.execute("SELECT release_version FROM system.local").one()).isNotNull();
    }
  }

  private static SegmentCodec<ByteBuf> uncompressedSegments() {
    return new SegmentCodec<>(new ByteBufPrimitiveCodec(UnpooledByteBufAllocator.DEFAULT), Compressor.none());
  }

  /** A raw connection to the proxy whose v5 STARTUP was answered READY (unframed): segments from here on. */
  private static Socket readyV5Connection() throws java.io.IOException {
    InetSocketAddress proxy = fixture.proxy().address();
    Socket socket = new Socket(proxy.getAddress(), proxy.getPort());
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write(frame(0x01, 1, startupBody()));
    assertThat(socket.getInputStream().readNBytes(9)[4]).as("READY, unframed").isEqualTo((byte) 0x02);
    return socket;
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  /** Whatever the proxy answers, until it closes the connection or stays silent for the socket's timeout. */
  private static void drain(InputStream in) {
    try {
      while (in.read(new byte[4096]) >= 0) {
        // answers to noise do not matter here, only that the proxy survives it
      }
    } catch (java.io.IOException closedOrSilent) {
      // closed by the proxy, or nothing more to read
    }
  }

  private static UnaryOperator<ProgrammaticDriverConfigLoaderBuilder> v5() {
    return v5("none");
  }

  private static UnaryOperator<ProgrammaticDriverConfigLoaderBuilder> v5(String compression) {
    return settings -> settings.withString(DefaultDriverOption.PROTOCOL_VERSION, "V5")
        .withString(DefaultDriverOption.PROTOCOL_COMPRESSION, compression);
  }

  private Optional<TableMetadata> knownTable(String name) {
    return client.getMetadata().getKeyspace(clusters.keyspace()).flatMap(keyspace -> keyspace.getTable(name));
  }

  private static String large(int seed) {
    StringBuilder value = new StringBuilder(LARGE);
    for (int index = 0; value.length() < LARGE; index++) {
      value.append(Integer.toString(index * 31 + seed, 36));
    }
    return value.toString();
  }

  /** Partition {@code k} of the table, cell by cell with its writetime. */
  private static List<String> cells(CqlSession session, int k) {
    return session.execute("SELECT k, c, v, WRITETIME(v) FROM " + table + " WHERE k = " + k).all().stream()
        .map(ProtocolV5ThroughProxyIT::describe).sorted().toList();
  }

  /** Long values by length and hash, so that a failure message stays readable. */
  private static String describe(Row row) {
    String value = row.getString("v");
    return row.getInt("k") + "/" + row.getInt("c") + "=" + (value.length() > 100 ? value.length() + "#"
        + value.hashCode() : value) + "@" + row.getLong(3);
  }

  private static double rejected(String reason) {
    return fixture.meters().find("tandem.proxy.rejected").tag("reason", reason)
        .counters().stream().mapToDouble(Counter::count).sum();
  }

  private static byte[] frame(int opcode, int streamId, byte[] body) {
    return ByteBufUtil.getBytes(Unpooled.buffer().writeByte(5).writeByte(0).writeShort(streamId).writeByte(opcode)
        .writeInt(body.length).writeBytes(body));
  }

  private static byte[] startupBody() {
    ByteBuf body = Unpooled.buffer().writeShort(1);
    for (String value : List.of("CQL_VERSION", "3.0.0")) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      body.writeShort(bytes.length).writeBytes(bytes);
    }
    return ByteBufUtil.getBytes(body);
  }

  /** A self-contained segment holding {@code payload}, its payload CRC broken if asked. */
  private static byte[] segment(SegmentCodec<ByteBuf> codec, byte[] payload, boolean corrupt) {
    List<Object> parts = new ArrayList<>();
    codec.encode(new Segment<>(Unpooled.wrappedBuffer(payload), true), parts);
    ByteBuf segment = Unpooled.buffer();
    parts.forEach(part -> segment.writeBytes((ByteBuf) part));
    byte[] bytes = ByteBufUtil.getBytes(segment);
    if (corrupt) {
      bytes[bytes.length - 1] ^= 0x01;
    }
    return bytes;
  }

  /** Reads one self-contained segment from the stream, checking both CRCs, and returns its frames. */
  private static List<byte[]> readSegment(InputStream in, SegmentCodec<ByteBuf> codec) throws Exception {
    SegmentCodec.Header header = codec.decodeHeader(Unpooled.wrappedBuffer(
        in.readNBytes(codec.headerLength() + SegmentCodec.CRC24_LENGTH)));
    assertThat(header.isSelfContained).isTrue();
    ByteBuf payload = codec.decode(header, Unpooled.wrappedBuffer(
        in.readNBytes(header.payloadLength + SegmentCodec.CRC32_LENGTH))).payload;
    List<byte[]> frames = new ArrayList<>();
    while (payload.isReadable()) {
      frames.add(ByteBufUtil.getBytes(payload.readSlice(9 + payload.getInt(payload.readerIndex() + 5))));
    }
    return frames;
  }
}
