package io.tandem.proxy.internal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tandem.core.api.Side;
import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.InstanceKind;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.InstanceStatus;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationException.Reason;
import io.tandem.core.api.control.MigrationFollower;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.MigrationState;
import io.tandem.core.api.control.MigrationStatus;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.control.StepRequest;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.replay.ReplayReport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /migration} over real HTTP with a mocked coordinator and follower (their implementations have tests of
 * their own): the status JSON, each refusal's HTTP status and body, and the 409 of the per-process POSTs.
 */
class MigrationRoutesTest {

  private static final String ID = "orders-2026";
  private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
  private static final MigrationRecord DUAL_WRITE =
      new MigrationRecord(ID, Phase.DUAL_WRITE, MirrorMode.SYNC, Map.of(), 2, AT, AT);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MigrationControl control = MigrationControl.inMemory(MigrationState.initial(MirrorMode.SYNC));
  private final MigrationCoordinator coordinator = mock(MigrationCoordinator.class);
  private final MigrationFollower follower = mock(MigrationFollower.class);
  private final HttpClient http = HttpClient.newHttpClient();
  private AdminServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void should_show_the_status_the_gates_the_instances_and_this_proxy() throws Exception {
    following();
    when(follower.stale()).thenReturn(true);
    InstanceReport report = new InstanceReport("proxy-a", InstanceKind.PROXY, "host-a", 2, AT, false, 3, 0, 0, 0, 0);
    when(coordinator.status(ID)).thenReturn(new MigrationStatus(DUAL_WRITE,
        List.of(new InstanceStatus(report, InstanceStatus.Liveness.LIVE, true)), Phase.HISTORY_COPIED,
        List.of(GateResult.fail("copy-finished", "2 of 5 tables copied"))));

    HttpResponse<String> response = get("/migration");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualToIgnoringWhitespace("{\"migration\":\"orders-2026\",\"phase\":\"DUAL_WRITE\","
        + "\"version\":2,\"changedAt\":\"2026-03-01T10:00:00Z\",\"next\":\"HISTORY_COPIED\",\"ready\":false,"
        + "\"gates\":[{\"gate\":\"copy-finished\",\"passed\":false,\"detail\":\"2 of 5 tables copied\"}],"
        + "\"instances\":[{\"instanceId\":\"proxy-a\",\"kind\":\"PROXY\",\"host\":\"host-a\",\"liveness\":\"LIVE\","
        + "\"acknowledged\":true,\"appliedVersion\":2,\"stale\":false,\"failedWritesPending\":3,"
        + "\"heartbeatAt\":\"2026-03-01T10:00:00Z\"}],"
        + "\"proxy\":{\"instanceId\":\"proxy-here\",\"appliedVersion\":2,\"phase\":\"DUAL_WRITE\",\"stale\":true,"
        + "\"lastContact\":\"2026-03-01T10:00:00Z\"}}");
  }

  @Test
  void should_answer_503_with_this_proxy_when_the_store_is_out_of_reach() throws Exception {
    following();
    when(coordinator.status(ID)).thenThrow(new MigrationException(Reason.STORE_UNAVAILABLE, "cannot reach it"));

    HttpResponse<String> response = get("/migration");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("\"error\":\"STORE_UNAVAILABLE\"", "\"message\":\"cannot reach it\"",
        "\"proxy\":{\"instanceId\":\"proxy-here\",\"appliedVersion\":2");
  }

  @Test
  void should_advance_through_the_coordinator_with_every_parameter() throws Exception {
    following();
    MigrationRecord moved = DUAL_WRITE.movedTo(Phase.HISTORY_COPIED, AT);
    when(coordinator.advance(eq(ID), any())).thenReturn(moved);

    HttpResponse<String> response =
        post("/migration/advance?to=history-copied&reason=copied+by+hand&force=true&who=alice");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualToIgnoringWhitespace("{\"migration\":\"orders-2026\","
        + "\"phase\":\"HISTORY_COPIED\",\"version\":3,\"changedAt\":\"2026-03-01T10:00:00Z\"}");
    verify(coordinator).advance(ID, new StepRequest(Phase.HISTORY_COPIED, "alice", "copied by hand", true));
  }

  @Test
  void should_roll_back_by_the_caller_when_no_one_is_named() throws Exception {
    following();
    when(coordinator.rollback(eq(ID), any())).thenReturn(DUAL_WRITE);

    HttpResponse<String> response = post("/migration/rollback?reason=latency");

    assertThat(response.statusCode()).isEqualTo(200);
    verify(coordinator).rollback(eq(ID), org.mockito.ArgumentMatchers.argThat(request -> request.to() == null
        && request.who().startsWith("admin endpoint /127.0.0.1:") && request.reason().equals("latency")
        && !request.force()));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"GATES_REFUSED, 409", "CONCURRENT_CHANGE, 409", "INVALID_STEP, 400", "UNKNOWN_MIGRATION, 404",
      "STORE_UNAVAILABLE, 503", "MALFORMED_STATE, 500"})
  void should_map_each_refusal_to_its_status_with_reason_and_message(Reason reason, int status) throws Exception {
    following();
    when(coordinator.advance(eq(ID), any())).thenThrow(new MigrationException(reason, "refused: " + reason));

    HttpResponse<String> response = post("/migration/advance");

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.body()).isEqualToIgnoringWhitespace(
        "{\"error\":\"" + reason + "\",\"message\":\"refused:" + reason + "\"}");
  }

  @Test
  void should_list_every_gate_when_gates_refuse() throws Exception {
    following();
    when(coordinator.advance(eq(ID), any())).thenThrow(new MigrationException(Reason.GATES_REFUSED, "2 gates refuse",
        List.of(GateResult.pass("instances-acknowledged", "2 of 2"), GateResult.fail("failed-writes-empty",
            "proxy-a has 3 pending")), null));

    HttpResponse<String> response = post("/migration/advance");

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body()).isEqualToIgnoringWhitespace("{\"error\":\"GATES_REFUSED\","
        + "\"message\":\"2gatesrefuse\",\"gates\":[{\"gate\":\"instances-acknowledged\",\"passed\":true,"
        + "\"detail\":\"2of2\"},{\"gate\":\"failed-writes-empty\",\"passed\":false,\"detail\":\"proxy-ahas3pending\"}]}");
  }

  @Test
  void should_refuse_bad_parameters_with_400_and_change_nothing() throws Exception {
    following();

    HttpResponse<String> unknownPhase = post("/migration/advance?to=somewhere");
    HttpResponse<String> forceWithoutReason = post("/migration/advance?force=true");
    HttpResponse<String> badForce = post("/migration/rollback?force=maybe");

    assertThat(unknownPhase.statusCode()).isEqualTo(400);
    assertThat(unknownPhase.body()).contains("Unknown phase 'somewhere'", "SETUP -> DUAL_WRITE");
    assertThat(forceWithoutReason.statusCode()).isEqualTo(400);
    assertThat(forceWithoutReason.body()).contains("force=true needs reason");
    assertThat(badForce.statusCode()).isEqualTo(400);
    assertThat(badForce.body()).contains("force=maybe");
    verifyNoInteractions(coordinator);
  }

  @Test
  void should_refuse_local_changes_with_409_while_following() throws Exception {
    following();

    for (String path : List.of("/admin/read-side?side=target", "/admin/primary?side=target",
        "/admin/mirroring?enabled=false", "/admin/mode?mode=async")) {
      HttpResponse<String> response = post(path);

      assertThat(response.statusCode()).as(path).isEqualTo(409);
      assertThat(response.body()).as(path).isEqualTo("this proxy follows migration orders-2026: change it with "
          + "`tandem migrate advance orders-2026` or POST /migration/advance\n");
    }
    assertThat(control.state()).isEqualTo(MigrationState.initial(MirrorMode.SYNC));
  }

  @Test
  void should_answer_404_on_migration_routes_and_change_locally_without_a_migration() throws Exception {
    start(null);

    HttpResponse<String> status = get("/migration");
    HttpResponse<String> advance = post("/migration/advance");
    HttpResponse<String> local = post("/admin/read-side?side=target");

    assertThat(status.statusCode()).isEqualTo(404);
    assertThat(status.body()).contains("follows no migration", "--migration ID");
    assertThat(advance.statusCode()).isEqualTo(404);
    assertThat(local.statusCode()).isEqualTo(200);
    assertThat(control.state().readSide()).isEqualTo(Side.TARGET);
  }

  private void following() {
    when(follower.migrationId()).thenReturn(ID);
    when(follower.instanceId()).thenReturn("proxy-here");
    when(follower.applied()).thenReturn(DUAL_WRITE);
    when(follower.lastContact()).thenReturn(AT);
    start(new FollowedMigration(follower, coordinator));
  }

  private void start(FollowedMigration followed) {
    server = new AdminServer(new InetSocketAddress("127.0.0.1", 0), registry, control,
        () -> Readiness.ready(Map.of()), new NoFailedWrites(), followed);
    server.start();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }

  private static final class NoFailedWrites implements FailedWrites {
    @Override
    public long pending() {
      return 0;
    }

    @Override
    public CompletionStage<ReplayReport> replayNow() {
      return new CompletableFuture<>();
    }
  }
}
