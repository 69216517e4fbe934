package io.tandem.proxy.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tandem.core.api.Side;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.core.api.control.MigrationState;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.replay.ReplayReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin endpoint over real HTTP on a free port, with a real migration control. */
class AdminServerTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MigrationControl control = MigrationControl.inMemory(MigrationState.initial(MirrorMode.SYNC));
  private final AtomicReference<Readiness> readiness =
      new AtomicReference<>(Readiness.ready(Map.of("source", "connected")));
  private final FakeFailedWrites failedWrites = new FakeFailedWrites();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private AdminServer server;

  @BeforeEach
  void start() {
    server = new AdminServer(new InetSocketAddress("127.0.0.1", 0), registry, control, readiness::get, failedWrites);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void should_report_the_real_port_when_port_0_was_asked() {
    assertThat(server.address().getPort()).isPositive();
    assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void should_serve_prometheus_metrics() throws Exception {
    registry.counter("tandem.test.requests", "side", "source").increment(3);

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
        assertThat(type).startsWith("text/plain"));
    assertThat(response.body()).contains("tandem_test_requests_total{side=\"source\"} 3.0");
  }

  @Test
  void should_answer_liveness() throws Exception {
    HttpResponse<String> response = get("/health/liveness");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualToIgnoringWhitespace("{\"status\":\"UP\"}");
  }

  @Test
  void should_answer_readiness_with_200_or_503_and_the_details() throws Exception {
    HttpResponse<String> ready = get("/health/readiness");
    readiness.set(Readiness.notReady(Map.of("target", "unreachable")));
    HttpResponse<String> notReady = get("/health/readiness");
    readiness.set(null);
    HttpResponse<String> failing = get("/health/readiness");

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualToIgnoringWhitespace("{\"status\":\"UP\",\"details\":{\"source\":\"connected\"}}");
    assertThat(notReady.statusCode()).isEqualTo(503);
    assertThat(notReady.body())
        .isEqualToIgnoringWhitespace("{\"status\":\"DOWN\",\"details\":{\"target\":\"unreachable\"}}");
    assertThat(failing.statusCode()).isEqualTo(503);
    assertThat(failing.body()).contains("\"error\"");
  }

  @Test
  void should_show_the_migration_state() throws Exception {
    control.setMode("shop.orders", MirrorMode.ASYNC);

    HttpResponse<String> response = get("/admin/state");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(response.body()).isEqualToIgnoringWhitespace("{\"readSide\":\"SOURCE\",\"primary\":\"SOURCE\","
        + "\"mirroring\":true,\"defaultMode\":\"SYNC\",\"overrides\":{\"shop.orders\":\"ASYNC\"}}");
  }

  @Test
  void should_route_reads_and_make_primary_through_the_control() throws Exception {
    HttpResponse<String> reads = post("/admin/read-side?side=target");
    HttpResponse<String> primary = post("/admin/primary?side=TARGET");

    assertThat(reads.statusCode()).isEqualTo(200);
    assertThat(reads.body()).contains("\"readSide\":\"TARGET\"", "\"primary\":\"SOURCE\"");
    assertThat(primary.statusCode()).isEqualTo(200);
    assertThat(primary.body()).contains("\"readSide\":\"TARGET\"", "\"primary\":\"TARGET\"");
    assertThat(control.state().readSide()).isEqualTo(Side.TARGET);
    assertThat(control.state().primary()).isEqualTo(Side.TARGET);
  }

  @Test
  void should_stop_and_start_mirroring() throws Exception {
    HttpResponse<String> stopped = post("/admin/mirroring?enabled=false");
    boolean mirroringWhenStopped = control.state().mirroring();
    HttpResponse<String> started = post("/admin/mirroring?enabled=true");

    assertThat(stopped.statusCode()).isEqualTo(200);
    assertThat(stopped.body()).contains("\"mirroring\":false");
    assertThat(mirroringWhenStopped).isFalse();
    assertThat(started.body()).contains("\"mirroring\":true");
    assertThat(control.state().mirroring()).isTrue();
  }

  @Test
  void should_set_the_default_mode_and_per_table_modes() throws Exception {
    HttpResponse<String> global = post("/admin/mode?mode=async");
    HttpResponse<String> table = post("/admin/mode?mode=off&table=Shop.Audit");
    MirrorMode auditMode = control.state().modeFor("shop", "audit");
    HttpResponse<String> cleared = post("/admin/mode?mode=default&table=shop.audit");

    assertThat(global.statusCode()).isEqualTo(200);
    assertThat(control.state().defaultMode()).isEqualTo(MirrorMode.ASYNC);
    assertThat(table.statusCode()).isEqualTo(200);
    assertThat(table.body()).contains("\"shop.audit\":\"OFF\"");
    assertThat(auditMode).isEqualTo(MirrorMode.OFF);
    assertThat(cleared.statusCode()).isEqualTo(200);
    assertThat(control.state().overrides()).isEmpty();
  }

  @Test
  void should_take_parameters_from_a_form_body() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/admin/read-side"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("side=target"))
        .build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(control.state().readSide()).isEqualTo(Side.TARGET);
  }

  @Test
  void should_reject_bad_parameters_with_400_and_the_allowed_values() throws Exception {
    HttpResponse<String> badSide = post("/admin/read-side?side=both");
    HttpResponse<String> missingSide = post("/admin/primary");
    HttpResponse<String> badEnabled = post("/admin/mirroring?enabled=maybe");
    HttpResponse<String> badMode = post("/admin/mode?mode=fast");
    HttpResponse<String> defaultWithoutTable = post("/admin/mode?mode=default");

    assertThat(badSide.statusCode()).isEqualTo(400);
    assertThat(badSide.body().lines()).singleElement().asString().contains("side=both", "source", "target");
    assertThat(missingSide.statusCode()).isEqualTo(400);
    assertThat(missingSide.body()).contains("missing parameter side");
    assertThat(badEnabled.statusCode()).isEqualTo(400);
    assertThat(badEnabled.body()).contains("enabled=true or enabled=false");
    assertThat(badMode.statusCode()).isEqualTo(400);
    assertThat(badMode.body()).contains("mode=sync", "mode=async", "mode=off");
    assertThat(defaultWithoutTable.statusCode()).isEqualTo(400);
    assertThat(control.state()).isEqualTo(MigrationState.initial(MirrorMode.SYNC));
  }

  @Test
  void should_answer_404_for_unknown_paths_and_405_for_wrong_methods() throws Exception {
    HttpResponse<String> unknown = get("/admin/nothing");
    HttpResponse<String> prefix = get("/metricsx");
    HttpResponse<String> getOnPost = get("/admin/read-side?side=target");
    HttpResponse<String> postOnGet = post("/metrics");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(prefix.statusCode()).isEqualTo(404);
    assertThat(getOnPost.statusCode()).isEqualTo(405);
    assertThat(getOnPost.headers().firstValue("Allow")).hasValue("POST");
    assertThat(postOnGet.statusCode()).isEqualTo(405);
    assertThat(postOnGet.headers().firstValue("Allow")).hasValue("GET");
    assertThat(control.state().readSide()).isEqualTo(Side.SOURCE);
  }

  @Test
  void should_show_the_failed_writes_pending_and_replay_them_on_demand() throws Exception {
    failedWrites.pending = 7;
    HttpResponse<String> pending = get("/admin/failed-writes");
    failedWrites.nextRun = CompletableFuture.completedFuture(new ReplayReport(5, 2, 0, 2, null));
    HttpResponse<String> replayed = post("/admin/replay");

    assertThat(pending.statusCode()).isEqualTo(200);
    assertThat(pending.body()).isEqualToIgnoringWhitespace("{\"pending\":7}");
    assertThat(replayed.statusCode()).isEqualTo(200);
    assertThat(replayed.body()).isEqualToIgnoringWhitespace(
        "{\"applied\":5,\"requeued\":2,\"setAside\":0,\"remaining\":2,\"stoppedBy\":null}");
    assertThat(failedWrites.runs).isEqualTo(1);
  }

  @Test
  void should_say_when_a_replay_on_demand_failed() throws Exception {
    failedWrites.nextRun = CompletableFuture.failedFuture(new IllegalStateException("the log is closed"));

    HttpResponse<String> replayed = post("/admin/replay");

    assertThat(replayed.statusCode()).isEqualTo(500);
    assertThat(replayed.body()).contains("FAILED").contains("the log is closed");
  }

  @Test
  void should_fail_to_start_on_a_port_in_use_and_close_twice() {
    AdminServer second = new AdminServer(server.address(), registry, control, readiness::get, failedWrites);

    assertThatThrownBy(second::start).isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot serve");
    second.close();
    server.close();
    server.close();
    assertThatThrownBy(server::address).isInstanceOf(IllegalStateException.class);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  private HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }

  /** Pending entries and the next replay run's outcome, as a test sets them. */
  private static final class FakeFailedWrites implements FailedWrites {
    long pending;
    CompletableFuture<ReplayReport> nextRun = new CompletableFuture<>();
    int runs;

    @Override
    public long pending() {
      return pending;
    }

    @Override
    public CompletionStage<ReplayReport> replayNow() {
      runs++;
      return nextRun;
    }
  }
}
