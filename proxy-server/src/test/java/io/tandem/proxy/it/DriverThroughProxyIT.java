package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
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
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java driver 4, unmodified, through the proxy in SYNC mode against the two real clusters, over protocol
 * v4 (v5 is {@link ProtocolV5ThroughProxyIT}'s).
 */
@TandemClusters
class DriverThroughProxyIT {

  private static final UnaryOperator<ProgrammaticDriverConfigLoaderBuilder> V4 =
      settings -> settings.withString(DefaultDriverOption.PROTOCOL_VERSION, "V4");
  private static ProxyFixture fixture;
  private static CqlSession client;
  private ClusterPair clusters;
  private String table;

  @BeforeAll
  static void startProxy(ClusterPair clusters) {
    fixture = ProxyFixture.start(clusters, MirrorMode.SYNC, config -> config.mirror(ProxyFixture.quickMirror(
        MirrorMode.SYNC).primaryOnlyStatements(Pattern.compile("(?is)insert into \\w+\\.audit_log\\b.*")).build()));
    client = fixture.clientSession(V4);
  }

  @AfterAll
  static void stopProxy() {
    client.close();
    fixture.close();
  }

  @BeforeEach
  void createTable(ClusterPair clusters) {
    this.clusters = clusters;
    this.table = clusters.keyspace() + ".items";
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.items");
    clusters.executeOnBoth("CREATE TABLE %s.items (k int, c int, v text, PRIMARY KEY (k, c))");
  }

  @AfterEach
  void backToTheInitialState() {
    fixture.proxy().control().routeReadsTo(Side.SOURCE);
    fixture.proxy().control().makePrimary(Side.SOURCE);
    fixture.proxy().control().startMirroring();
  }

  @Test
  void should_speak_protocol_v4_when_asked_and_only_know_the_proxy_as_node() {
    assertThat(client.getContext().getProtocolVersion()).isEqualTo(DefaultProtocolVersion.V4);
    assertThat(client.getMetadata().getNodes().values()).extracting(Node::getEndPoint)
        .extracting(endPoint -> (InetSocketAddress) endPoint.resolve())
        .containsExactly(fixture.proxy().address());
  }

  @Test
  void should_mirror_simple_prepared_and_batch_writes_with_the_same_writetime() {
    client.execute("INSERT INTO " + table + " (k, c, v) VALUES (1, 1, 'simple')");
    PreparedStatement insert = client.prepare("INSERT INTO " + table + " (k, c, v) VALUES (?, ?, ?)");
    client.execute(insert.bind(1, 2, "prepared"));
    client.execute(BatchStatement.newInstance(DefaultBatchType.LOGGED)
        .add(insert.bind(1, 3, "batch-prepared"))
        .add(SimpleStatement.newInstance("INSERT INTO " + table + " (k, c, v) VALUES (1, 4, 'batch-simple')")));
    client.execute(SimpleStatement.newInstance("UPDATE " + table + " SET v = ? WHERE k = ? AND c = ?", "named", 1, 5));

    assertThat(cells(clusters.targetSession())).hasSize(5).isEqualTo(cells(clusters.sourceSession()));
  }

  @Test
  void should_serve_reads_and_pages_from_the_read_side() {
    for (int c = 0; c < 23; c++) {
      client.execute("INSERT INTO " + table + " (k, c, v) VALUES (2, " + c + ", 'both')");
    }
    clusters.executeOnSource("UPDATE %s.items SET v = 'source only' WHERE k = 2 AND c = 0");

    ResultSet paged = client.execute(SimpleStatement.newInstance("SELECT v FROM " + table + " WHERE k = 2")
        .setPageSize(5));
    List<String> values = paged.all().stream().map(row -> row.getString("v")).toList();
    assertThat(values).hasSize(23).startsWith("source only");

    fixture.proxy().control().routeReadsTo(Side.TARGET);
    PreparedStatement select = client.prepare("SELECT v FROM " + table + " WHERE k = ? AND c = ?");
    assertThat(client.execute(select.bind(2, 0)).one().getString("v")).isEqualTo("both");
    fixture.proxy().control().routeReadsTo(Side.SOURCE);
    assertThat(client.execute(select.bind(2, 0)).one().getString("v")).isEqualTo("source only");
    // now known on both clusters: executed as the client's frame, undecoded
    assertThat(client.execute(select.bind(2, 0)).one().getString("v")).isEqualTo("source only");
    assertThat(client.execute(select.bind(2, 1)).one().getString("v")).isEqualTo("both");
  }

  @Test
  void should_answer_lightweight_transactions_from_the_primary() {
    ResultSet first = client.execute("INSERT INTO " + table + " (k, c, v) VALUES (3, 1, 'first') IF NOT EXISTS");
    ResultSet second = client.execute("INSERT INTO " + table + " (k, c, v) VALUES (3, 1, 'second') IF NOT EXISTS");

    assertThat(first.wasApplied()).isTrue();
    assertThat(second.wasApplied()).isFalse();
    assertThat(clusters.executeOnTarget("SELECT v FROM %s.items WHERE k = 3 AND c = 1").one().getString("v"))
        .isEqualTo("first");
  }

  @Test
  void should_apply_use_and_schema_changes_to_both_clusters() {
    try (CqlSession session = fixture.clientSession(V4)) {
      session.execute("CREATE TABLE IF NOT EXISTS " + clusters.keyspace() + ".created_through_proxy "
          + "(k int PRIMARY KEY, v text)");
      session.execute("USE " + clusters.keyspace());
      session.execute("INSERT INTO created_through_proxy (k, v) VALUES (1, 'unqualified')");
      assertThat(session.execute("SELECT v FROM created_through_proxy WHERE k = 1").one().getString("v"))
          .isEqualTo("unqualified");
    }
    assertThat(clusters.executeOnTarget("SELECT v FROM %s.created_through_proxy WHERE k = 1").one().getString("v"))
        .isEqualTo("unqualified");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lz4", "snappy"})
  void should_serve_a_client_that_compresses_its_frames(String algorithm) {
    try (CqlSession compressing = fixture.clientSession(settings -> V4.apply(settings)
        .withString(DefaultDriverOption.PROTOCOL_COMPRESSION, algorithm))) {
      PreparedStatement insert = compressing.prepare("INSERT INTO " + table + " (k, c, v) VALUES (?, ?, ?)");
      String large = "x".repeat(10_000);
      for (int c = 0; c < 30; c++) {
        compressing.execute(insert.bind(7, c, c == 0 ? large : algorithm + c));
      }
      ResultSet page = compressing.execute(SimpleStatement.newInstance("SELECT v FROM " + table + " WHERE k = 7")
          .setPageSize(10));

      assertThat(page.all()).hasSize(30).first().extracting(row -> row.getString(0)).isEqualTo(large);
      assertThat(cells(clusters.targetSession())).hasSize(30).isEqualTo(cells(clusters.sourceSession()));
    }
  }

  @Test
  void should_keep_writes_matching_filter_tables_on_the_source() {
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS %s.audit_log (k int PRIMARY KEY, v text)");
    String auditLog = clusters.keyspace() + ".audit_log";
    client.execute("INSERT INTO " + auditLog + " (k, v) VALUES (1, 'simple')");
    client.execute(client.prepare("INSERT INTO " + auditLog + " (k, v) VALUES (?, ?)").bind(2, "prepared"));
    client.execute("UPDATE " + auditLog + " SET v = 'mirrored' WHERE k = 3");

    String all = "SELECT k FROM " + auditLog;
    assertThat(clusters.sourceSession().execute(all).all()).extracting(row -> row.getInt(0))
        .containsExactlyInAnyOrder(1, 2, 3);
    assertThat(clusters.targetSession().execute(all).all()).extracting(row -> row.getInt(0)).containsExactly(3);
  }

  @Test
  void should_write_to_the_primary_only_once_mirroring_stops() {
    PreparedStatement insert = client.prepare("INSERT INTO " + table + " (k, c, v) VALUES (?, ?, ?)");
    fixture.proxy().control().stopMirroring();
    client.execute(insert.bind(4, 1, "source only"));
    client.execute("INSERT INTO " + table + " (k, c, v) VALUES (4, 2, 'source only')");
    fixture.proxy().control().startMirroring();
    client.execute(insert.bind(4, 3, "both"));

    assertThat(clusters.executeOnSource("SELECT c FROM %s.items WHERE k = 4").all()).hasSize(3);
    assertThat(clusters.executeOnTarget("SELECT c FROM %s.items WHERE k = 4").all()).extracting(row -> row.getInt(0))
        .containsExactly(3);
  }

  @Test
  void should_give_writes_sent_without_a_timestamp_one_timestamp_and_one_now_over_protocol_v3() {
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS %s.events (k int PRIMARY KEY, id timeuuid)");
    try (CqlSession serverTimestamps = fixture.clientSession(settings -> settings
        .withString(DefaultDriverOption.PROTOCOL_VERSION, "V3")
        .withString(DefaultDriverOption.TIMESTAMP_GENERATOR_CLASS, "ServerSideTimestampGenerator"))) {
      serverTimestamps.execute("INSERT INTO " + table + " (k, c, v) VALUES (6, 1, 'simple')");
      serverTimestamps.execute(serverTimestamps.prepare("INSERT INTO " + table + " (k, c, v) VALUES (?, ?, ?)")
          .bind(6, 2, "prepared"));
      serverTimestamps.execute("INSERT INTO " + clusters.keyspace() + ".events (k, id) VALUES (1, now())");

      assertThat(serverTimestamps.getContext().getProtocolVersion()).isEqualTo(DefaultProtocolVersion.V3);
    }

    assertThat(cells(clusters.targetSession())).hasSize(2).isEqualTo(cells(clusters.sourceSession()));
    String event = "SELECT id, WRITETIME(id) FROM %s.events WHERE k = 1";
    Row source = clusters.executeOnSource(event).one();
    Row target = clusters.executeOnTarget(event).one();
    assertThat(target.getUuid(0)).as("now() evaluated once, by the proxy").isEqualTo(source.getUuid(0));
    assertThat(target.getLong(1)).isEqualTo(source.getLong(1));
  }

  @Test
  void should_keep_the_prepared_id_the_client_knows_when_the_primary_switches() {
    PreparedStatement insert = client.prepare("INSERT INTO " + table + " (k, c, v) VALUES (?, ?, ?)");
    client.execute(insert.bind(7, 1, "source primary"));

    fixture.proxy().control().makePrimary(Side.TARGET);
    client.execute(insert.bind(7, 2, "target primary"));
    fixture.proxy().control().makePrimary(Side.SOURCE);
    client.execute(insert.bind(7, 3, "source primary again"));

    assertThat(cells(clusters.targetSession())).hasSize(3).isEqualTo(cells(clusters.sourceSession()));
  }

  @Test
  void should_have_the_driver_prepare_again_a_statement_the_proxy_forgot() {
    try (ProxyFixture forgetful = ProxyFixture.start(clusters, MirrorMode.SYNC, config -> config.preparedCacheSize(1));
        CqlSession session = forgetful.clientSession(V4)) {
      List<PreparedStatement> inserts = List.of(
          session.prepare("INSERT INTO " + table + " (k, c, v) VALUES (?, ?, ?)"),
          session.prepare("INSERT INTO " + table + " (k, c, v) VALUES (?, ?, ?) USING TTL 86400"),
          session.prepare("UPDATE " + table + " SET v = ? WHERE k = ? AND c = ?"));

      session.execute(inserts.get(0).bind(8, 1, "first"));
      session.execute(inserts.get(1).bind(8, 2, "second"));
      session.execute(inserts.get(2).bind("third", 8, 3));

      assertThat(forgetful.meters().get("tandem.proxy.requests")
          .tag("route", "unprepared").counter().count()).as("EXECUTEs answered UNPREPARED").isPositive();
    }
    assertThat(cells(clusters.targetSession())).hasSize(3).isEqualTo(cells(clusters.sourceSession()));
  }

  @Test
  void should_send_copies_at_the_target_consistency_it_was_given() {
    // THREE cannot be had from the single-node target: the copy fails there and waits in the failed-write log
    try (ProxyFixture strict = ProxyFixture.start(clusters, MirrorMode.SYNC, config -> config.mirror(
            ProxyFixture.quickMirror(MirrorMode.SYNC).secondaryConsistency(DefaultConsistencyLevel.THREE).build()));
        CqlSession session = strict.clientSession(V4)) {
      session.execute(SimpleStatement.newInstance("INSERT INTO " + table + " (k, c, v) VALUES (9, 1, 'strict')")
          .setConsistencyLevel(DefaultConsistencyLevel.ONE));

      assertThat(strict.proxy().engine().failedWrites().pendingCount()).isEqualTo(1);
    }
    assertThat(clusters.executeOnSource("SELECT v FROM %s.items WHERE k = 9").one()).isNotNull();
    assertThat(clusters.executeOnTarget("SELECT v FROM %s.items WHERE k = 9").one()).isNull();
  }

  private List<String> cells(CqlSession session) {
    return session.execute("SELECT k, c, v, WRITETIME(v) FROM " + table).all().stream()
        .map(DriverThroughProxyIT::describe).sorted().collect(Collectors.toList());
  }

  private static String describe(Row row) {
    return row.getInt("k") + "/" + row.getInt("c") + "=" + row.getString("v") + "@" + row.getLong(3);
  }
}
