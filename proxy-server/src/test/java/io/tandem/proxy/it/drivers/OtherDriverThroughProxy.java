package io.tandem.proxy.it.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.tandem.core.api.mirror.LwtCopyMode;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.proxy.it.ProxyFixture;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.EmbeddedCassandraCluster;
import io.tandem.testkit.TandemClusters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A driver in another language, unmodified, through the proxy in SYNC mode against the two real clusters: its
 * script (under {@code drivers/} in the test resources) runs once as a subprocess, with client-side timestamps
 * off, and prints what it saw; each test checks one part of that and what the clusters hold. LWTs are copied
 * unconditionally at the primary's write time, so every row written has the same WRITETIME on both clusters.
 */
@TandemClusters
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OtherDriverThroughProxy {

  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);
  private ProxyFixture fixture;
  private ClusterPair clusters;
  private DriverReport report;
  private Instant started;
  private Instant finished;

  /** The driver under test. */
  abstract DriverRuntime driver();

  /** The protocol version the driver settles on with the proxy, left to the driver's own negotiation. */
  abstract int expectedProtocolVersion();

  @BeforeAll
  void runTheScriptThroughTheProxy(ClusterPair clusters) throws Exception {
    this.clusters = clusters;
    Path script = Path.of(OtherDriverThroughProxy.class.getResource("/drivers/" + driver().script()).toURI());
    Path buildDirectory = script.getParent().getParent().getParent();
    driver().prepare(buildDirectory);
    createSchema();
    fixture = ProxyFixture.start(clusters, MirrorMode.SYNC, config -> config.mirror(ProxyFixture.quickMirror(
        MirrorMode.SYNC).lwtCopy(LwtCopyMode.UNCONDITIONAL_AT_PRIMARY_WRITETIME).build()));
    report = runScript(script, buildDirectory.resolve("driver-runs"));
  }

  private DriverReport runScript(Path script, Path logs) throws IOException {
    InetSocketAddress proxy = fixture.proxy().address();
    List<String> arguments = List.of(proxy.getHostString(), String.valueOf(proxy.getPort()), clusters.keyspace(),
        EmbeddedCassandraCluster.DATACENTER);
    started = Instant.now();
    ScriptRun run = ScriptRun.run(driver().command(script, arguments), SCRIPT_TIMEOUT, logs,
        getClass().getSimpleName());
    finished = Instant.now();
    return new DriverReport(run);
  }

  @AfterAll
  void stopProxy() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void should_see_the_proxy_as_the_only_node_of_the_source_cluster() {
    JsonNode topology = report.step("topology");
    InetSocketAddress proxy = fixture.proxy().address();

    assertThat(topology.get("protocol_version").asInt()).as(report.describe()).isEqualTo(expectedProtocolVersion());
    assertThat(strings(topology.get("hosts"))).as(report.describe())
        .containsExactly(proxy.getHostString() + ":" + proxy.getPort());
    assertThat(strings(topology.get("datacenters"))).containsExactly(EmbeddedCassandraCluster.DATACENTER);
    assertThat(topology.get("local_cluster_name").asText()).isEqualTo(clusters.source().clusterName());
    assertThat(topology.get("local_data_center").asText()).isEqualTo(EmbeddedCassandraCluster.DATACENTER);
    assertThat(topology.path("cluster_name").asText(clusters.source().clusterName()))
        .isEqualTo(clusters.source().clusterName());
    assertThat(topology.get("peers").asInt()).isZero();
    assertThat(strings(topology.get("tables"))).containsExactly("collections", "items");
    assertThat(strings(topology.get("types"))).containsExactly("address");
  }

  @Test
  void should_mirror_simple_prepared_and_batch_writes() {
    report.step("simple");
    report.step("batch");
    assertThat(report.step("prepared").get("read").asText()).isEqualTo("prepared");

    assertThat(report.step("read_back").get("rows")).as(report.describe()).isEqualTo(DriverReport.json(
        "[[1, \"simple\"], [2, \"prepared\"], [3, \"batch-prepared\"], [4, \"batch-simple\"], [5, \"updated\"]]"));
    assertThat(items(clusters.targetSession(), "WHERE k = 1")).hasSize(5)
        .isEqualTo(items(clusters.sourceSession(), "WHERE k = 1"));
  }

  @Test
  void should_mirror_collections_and_a_user_defined_type() {
    List<JsonNode> rows = elements(report.step("collections").get("rows"));

    assertThat(rows).as(report.describe()).containsExactlyInAnyOrder(
        DriverReport.json("{\"k\": 1, \"l\": [\"a\", \"b\"], \"s\": [1, 2], \"m\": {\"x\": 1}, "
            + "\"a\": {\"street\": \"simple street\", \"zip\": 1000}}"),
        DriverReport.json("{\"k\": 2, \"l\": [\"c\", \"d\", \"c\"], \"s\": [3, 4], \"m\": {\"y\": 2, \"z\": 3}, "
            + "\"a\": {\"street\": \"prepared street\", \"zip\": 2000}}"));
    assertThat(collections(clusters.targetSession())).hasSize(2).isEqualTo(collections(clusters.sourceSession()));
  }

  @Test
  void should_answer_a_lightweight_transaction_applied_then_not_applied() {
    JsonNode lwt = report.step("lwt");

    assertThat(lwt.get("first_applied").asBoolean()).as(report.describe()).isTrue();
    assertThat(lwt.get("second_applied").asBoolean()).as(report.describe()).isFalse();
    assertThat(lwt.get("second_saw").asText()).isEqualTo("first");
    assertThat(items(clusters.targetSession(), "WHERE k = 3")).hasSize(1)
        .isEqualTo(items(clusters.sourceSession(), "WHERE k = 3")).allMatch(row -> row.contains("\"first\""));
  }

  @Test
  void should_page_through_every_row_of_a_partition() {
    JsonNode paging = report.step("paging");

    for (String statement : List.of("simple", "prepared")) {
      JsonNode read = paging.get(statement);
      assertThat(read.get("rows").asInt()).as("%s: %s", statement, read).isEqualTo(50);
      assertThat(read.get("distinct").asInt()).as("%s: %s", statement, read).isEqualTo(50);
      assertThat(read.get("largest_page").asInt()).as("%s: %s", statement, read).isEqualTo(7);
      assertThat(read.get("pages").asInt()).as("%s: %s", statement, read).isBetween(8, 9);
    }
    assertThat(items(clusters.targetSession(), "WHERE k = 4")).hasSize(50)
        .isEqualTo(items(clusters.sourceSession(), "WHERE k = 4"));
  }

  @Test
  void should_give_every_row_the_same_proxy_chosen_writetime_on_both_clusters() {
    List<String> source = items(clusters.sourceSession(), "");

    assertThat(report.describe()).doesNotContain("\"error\"");
    assertThat(items(clusters.targetSession(), "")).hasSize(5 + 1 + 50).isEqualTo(source);
    assertThat(collections(clusters.targetSession())).isEqualTo(collections(clusters.sourceSession()));
    assertThat(source).extracting(row -> DriverReport.json(row).get("written").asLong())
        .allSatisfy(micros -> assertThat(micros).isBetween(micros(started), micros(finished)));
  }

  /** The class's keyspace is new on fresh nodes; each statement runs on both clusters at once (DDL is slow). */
  private void createSchema() {
    for (String statement : List.of("CREATE TABLE %s.items (k int, c int, v text, PRIMARY KEY (k, c))",
        "CREATE TYPE %s.address (street text, zip int)",
        "CREATE TABLE %s.collections (k int PRIMARY KEY, l list<text>, s set<int>, m map<text, int>, "
            + "a frozen<address>, v text)")) {
      String cql = statement.replace("%s", clusters.keyspace());
      CompletableFuture.allOf(clusters.sourceSession().executeAsync(cql).toCompletableFuture(),
          clusters.targetSession().executeAsync(cql).toCompletableFuture()).join();
    }
  }

  private List<String> items(CqlSession session, String where) {
    return json(session, "k, c, v, WRITETIME(v) AS written", "items " + where);
  }

  private List<String> collections(CqlSession session) {
    return json(session, "k, l, s, m, a, v, WRITETIME(v) AS written, WRITETIME(a) AS a_written", "collections");
  }

  private List<String> json(CqlSession session, String columns, String from) {
    return session.execute("SELECT JSON " + columns + " FROM " + clusters.keyspace() + "." + from).all().stream()
        .map(row -> row.getString(0)).sorted().toList();
  }

  private static List<String> strings(JsonNode array) {
    return elements(array).stream().map(JsonNode::asText).toList();
  }

  private static List<JsonNode> elements(JsonNode array) {
    assertThat(array).as("a JSON array").isNotNull();
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }
}
