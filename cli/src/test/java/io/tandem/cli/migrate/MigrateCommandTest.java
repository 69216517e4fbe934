package io.tandem.cli.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tandem.cli.CliRun;
import io.tandem.cli.ExitCodes;
import io.tandem.cli.FakeControlPlanes;
import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.InstanceKind;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.InstanceStatus;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationException.Reason;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.MigrationStatus;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.control.PhaseChange;
import io.tandem.core.api.control.StepRequest;
import io.tandem.core.api.mirror.MirrorMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrateCommandTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final String[] CONTROL = {"--control", "127.0.0.1"};
  private static final List<GateResult> GATES = List.of(GateResult.pass("instances-acknowledged", "2 of 2 live"),
      GateResult.fail("copy-finished", "orders.items: 12 of 256 ranges"));

  private final FakeControlPlanes planes = new FakeControlPlanes();

  @Test
  void should_show_the_status_with_each_gate_and_the_instances() {
    when(planes.coordinator.status("orders-2026")).thenReturn(status());

    CliRun run = run("migrate", "status", "orders-2026");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Migration orders-2026: DUAL_WRITE (version 3, changed at 2026-03-01T10:00:00Z)")
        .contains("Next: HISTORY_COPIED (not ready")
        .contains("  PASS instances-acknowledged: 2 of 2 live")
        .contains("  FAIL copy-finished: orders.items: 12 of 256 ranges")
        .contains("Instances: 1").contains("proxy-1").contains("PROXY").contains("LIVE");
  }

  @Test
  void should_print_the_status_as_json() throws Exception {
    when(planes.coordinator.status("orders-2026")).thenReturn(status());

    JsonNode json = new ObjectMapper().readTree(run("migrate", "status", "orders-2026", "--json").out());

    assertThat(json.get("id").asText()).isEqualTo("orders-2026");
    assertThat(json.get("phase").asText()).isEqualTo("DUAL_WRITE");
    assertThat(json.get("version").asLong()).isEqualTo(3);
    assertThat(json.get("next").asText()).isEqualTo("HISTORY_COPIED");
    assertThat(json.get("ready").asBoolean()).isFalse();
    assertThat(json.get("gates")).hasSize(2);
    assertThat(json.get("gates").get(1).get("gate").asText()).isEqualTo("copy-finished");
    assertThat(json.get("gates").get(1).get("passed").asBoolean()).isFalse();
    assertThat(json.get("gates").get(1).get("detail").asText()).isEqualTo("orders.items: 12 of 256 ranges");
    assertThat(json.get("instances").get(0).get("id").asText()).isEqualTo("proxy-1");
    assertThat(json.get("instances").get(0).get("appliedVersion").asLong()).isEqualTo(3);
    assertThat(json.get("instances").get(0).get("liveness").asText()).isEqualTo("LIVE");
  }

  @Test
  void should_advance_and_print_the_new_phase_with_every_gate() {
    MigrationRecord moved = record(Phase.HISTORY_COPIED, 4);
    when(planes.coordinator.advance(eq("orders-2026"), any())).thenReturn(moved);
    when(planes.coordinator.history("orders-2026")).thenReturn(List.of(new PhaseChange(4, Phase.DUAL_WRITE,
        Phase.HISTORY_COPIED, "alice", NOW, "", List.of(GateResult.pass("copy-finished", "256 of 256")), false)));

    CliRun run = run("migrate", "advance", "orders-2026", "--to", "history-copied", "--who", "alice");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("orders-2026 is now in HISTORY_COPIED (version 4)")
        .contains("PASS copy-finished: 256 of 256");
    verify(planes.coordinator).advance("orders-2026", new StepRequest(Phase.HISTORY_COPIED, "alice", "", false));
  }

  @Test
  void should_pass_force_and_reason_on() {
    when(planes.coordinator.advance(eq("orders-2026"), any())).thenReturn(record(Phase.HISTORY_COPIED, 4));

    CliRun run = run("migrate", "advance", "orders-2026", "--force", "--reason", "copy checked by hand");

    assertThat(run.exitCode()).isZero();
    verify(planes.coordinator).advance(eq("orders-2026"),
        eq(new StepRequest(null, null, "copy checked by hand", true)));
  }

  @Test
  void should_exit_1_listing_every_gate_and_how_to_override_when_gates_refuse() {
    when(planes.coordinator.advance(eq("orders-2026"), any())).thenThrow(new MigrationException(
        Reason.GATES_REFUSED, "HISTORY_COPIED refused: 1 gate failed", GATES, null));

    CliRun run = run("migrate", "advance", "orders-2026");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(run.out()).contains("FAIL copy-finished: orders.items: 12 of 256 ranges")
        .contains("PASS instances-acknowledged").contains("--force --reason");
  }

  @Test
  void should_print_a_refusal_as_json() throws Exception {
    when(planes.coordinator.advance(eq("orders-2026"), any())).thenThrow(new MigrationException(
        Reason.GATES_REFUSED, "refused", GATES, null));

    CliRun run = run("migrate", "advance", "orders-2026", "--json");
    JsonNode json = new ObjectMapper().readTree(run.out());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.REFUSED);
    assertThat(json.get("refused").asBoolean()).isTrue();
    assertThat(json.get("gates").get(1).get("passed").asBoolean()).isFalse();
  }

  @Test
  void should_exit_3_when_someone_else_moved_it() {
    when(planes.coordinator.advance(eq("orders-2026"), any())).thenThrow(new MigrationException(
        Reason.CONCURRENT_CHANGE, "Someone else moved orders-2026 first (now version 5): look at its status"));

    CliRun run = run("migrate", "advance", "orders-2026");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.CONFLICT);
    assertThat(run.errLines()).containsExactly(
        "tandem migrate advance: Someone else moved orders-2026 first (now version 5): look at its status");
  }

  @Test
  void should_exit_4_when_the_store_cannot_be_reached() {
    when(planes.coordinator.status("orders-2026")).thenThrow(new MigrationException(
        Reason.STORE_UNAVAILABLE, "The control store cannot be reached"));

    assertThat(run("migrate", "status", "orders-2026").exitCode()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
  }

  @Test
  void should_exit_5_on_any_other_failure() {
    when(planes.coordinator.history("orders-2026")).thenThrow(new UnsupportedOperationException("boom"));

    CliRun run = run("migrate", "history", "orders-2026");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.errLines()).containsExactly("tandem migrate history: boom");
  }

  @Test
  void should_exit_2_for_an_unknown_migration() {
    when(planes.coordinator.status("nope")).thenThrow(new MigrationException(
        Reason.UNKNOWN_MIGRATION, "No migration 'nope'"));

    CliRun run = run("migrate", "status", "nope");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).containsExactly("tandem migrate status: No migration 'nope'");
  }

  @Test
  void should_refuse_an_unknown_phase_naming_the_phases_without_connecting() {
    CliRun run = run("migrate", "advance", "orders-2026", "--to", "VALIDATE");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("Unknown phase 'VALIDATE'").contains("SETUP -> DUAL_WRITE");
    assertThat(planes.configs).isEmpty();
    verifyNoInteractions(planes.coordinator);
  }

  @Test
  void should_refuse_force_without_a_reason() {
    CliRun run = run("migrate", "rollback", "orders-2026", "--force");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("--force needs --reason");
    verifyNoInteractions(planes.coordinator);
  }

  @Test
  void should_refuse_a_missing_id() {
    CliRun run = run("migrate", "status");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("tandem migrate status").contains("ID");
  }

  @Test
  void should_refuse_a_malformed_id() {
    CliRun run = run("migrate", "status", "orders 2026!");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("Migration id 'orders 2026!' is not valid");
    verifyNoInteractions(planes.coordinator);
  }

  @Test
  void should_require_the_control_cluster() {
    CliRun run = CliRun.run(planes, "migrate", "status", "orders-2026");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.err()).contains("--control HOST[:PORT] is required");
  }

  @Test
  void should_create_with_modes_and_replication() {
    when(planes.coordinator.create(anyString(), any(), any(), anyString())).thenReturn(record(Phase.SETUP, 1));

    CliRun run = run("migrate", "create", "orders-2026", "--mode", "sync", "--table-mode", "orders.audit=ASYNC",
        "--replication", "{'class': 'SimpleStrategy', 'replication_factor': 1}", "--control-keyspace", "ctl",
        "--who", "bob");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Created migration orders-2026 in SETUP");
    verify(planes.coordinator).create("orders-2026", MirrorMode.SYNC, Map.of("orders.audit", MirrorMode.ASYNC), "bob");
    assertThat(planes.configs.get(0).keyspace()).isEqualTo("ctl");
    assertThat(planes.configs.get(0).replication()).contains("SimpleStrategy");
  }

  @Test
  void should_refuse_an_existing_id_on_create() {
    when(planes.coordinator.create(anyString(), any(), any(), anyString())).thenThrow(new MigrationException(
        Reason.ALREADY_EXISTS, "Migration orders-2026 exists already"));

    assertThat(run("migrate", "create", "orders-2026").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void should_print_the_history_as_text_and_json() throws Exception {
    when(planes.coordinator.history("orders-2026")).thenReturn(List.of(
        new PhaseChange(1, null, Phase.SETUP, "alice", NOW, "", List.of(), false),
        new PhaseChange(2, Phase.SETUP, Phase.DUAL_WRITE, "bob", NOW, "night shift", GATES, true)));

    CliRun text = run("migrate", "history", "orders-2026");
    JsonNode json = new ObjectMapper().readTree(run("migrate", "history", "orders-2026", "--json").out());

    assertThat(text.out()).contains("v1").contains("(created) -> SETUP  by alice")
        .contains("SETUP -> DUAL_WRITE  by bob  FORCED  \"night shift\"").contains("FAIL copy-finished");
    assertThat(json.get("history")).hasSize(2);
    assertThat(json.get("history").get(1).get("forced").asBoolean()).isTrue();
    assertThat(json.get("history").get(0).get("from").isNull()).isTrue();
  }

  @Test
  void should_list_the_instances() {
    when(planes.coordinator.instances("orders-2026")).thenReturn(status().instances());

    CliRun run = run("migrate", "instances", "orders-2026");

    assertThat(run.out()).contains("Instances: 1").contains("HEARTBEAT").contains("proxy-1");
  }

  private CliRun run(String... args) {
    String[] all = new String[args.length + CONTROL.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(CONTROL, 0, all, args.length, CONTROL.length);
    return CliRun.run(planes, all);
  }

  private static MigrationRecord record(Phase phase, long version) {
    return new MigrationRecord("orders-2026", phase, MirrorMode.ASYNC, Map.of(), version, NOW, NOW);
  }

  private static MigrationStatus status() {
    InstanceReport report = new InstanceReport("proxy-1", InstanceKind.PROXY, "10.0.0.7", 3, NOW, false, 0, 0, 0,
        0, 0);
    return new MigrationStatus(record(Phase.DUAL_WRITE, 3),
        List.of(new InstanceStatus(report, InstanceStatus.Liveness.LIVE, true)), Phase.HISTORY_COPIED, GATES);
  }
}
