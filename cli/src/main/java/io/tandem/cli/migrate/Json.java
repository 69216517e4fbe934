package io.tandem.cli.migrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.InstanceStatus;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.MigrationStatus;
import io.tandem.core.api.control.PhaseChange;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** The {@code --json} output of {@code tandem migrate}: field names as in docs/cli.md; times ISO-8601. */
final class Json {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String print(ObjectNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode record(MigrationRecord record) {
    ObjectNode node = MAPPER.createObjectNode()
        .put("id", record.id())
        .put("phase", record.phase().name())
        .put("version", record.version())
        .put("changedAt", time(record.changedAt()))
        .put("readSide", record.phase().readSide().name())
        .put("primary", record.phase().primary().name())
        .put("mirroring", record.phase().mirroring())
        .put("defaultMode", record.defaultMode().name())
        .put("dualWriteSince", time(record.dualWriteSince()));
    ObjectNode overrides = node.putObject("overrides");
    record.overrides().forEach((name, mode) -> overrides.put(name, mode.name()));
    return node;
  }

  static ObjectNode status(MigrationStatus status) {
    ObjectNode node = record(status.migration())
        .put("next", status.next() == null ? null : status.next().name())
        .put("ready", status.ready());
    node.set("gates", gates(status.gates()));
    ArrayNode instances = node.putArray("instances");
    status.instances().forEach(instance -> instances.add(instance(instance)));
    return node;
  }

  static ObjectNode instances(String migration, List<InstanceStatus> instances) {
    ObjectNode node = MAPPER.createObjectNode().put("id", migration);
    ArrayNode array = node.putArray("instances");
    instances.forEach(instance -> array.add(instance(instance)));
    return node;
  }

  static ObjectNode history(String migration, List<PhaseChange> history) {
    ObjectNode node = MAPPER.createObjectNode().put("id", migration);
    ArrayNode array = node.putArray("history");
    history.forEach(change -> array.add(change(change)));
    return node;
  }

  /** A step taken: the new record and the history entry it wrote (gates, forced, reason). */
  static ObjectNode moved(MigrationRecord moved, PhaseChange change) {
    ObjectNode node = record(moved);
    node.put("forced", change != null && change.forced());
    node.put("reason", change == null ? "" : change.reason());
    node.set("gates", gates(change == null ? List.of() : change.gates()));
    return node;
  }

  static ObjectNode refused(String migration, MigrationException refusal) {
    ObjectNode node = MAPPER.createObjectNode().put("id", migration).put("refused", true)
        .put("message", refusal.getMessage());
    node.set("gates", gates(refusal.gates()));
    return node;
  }

  private static ObjectNode change(PhaseChange change) {
    ObjectNode node = MAPPER.createObjectNode()
        .put("version", change.version())
        .put("from", change.from() == null ? null : change.from().name())
        .put("to", change.to().name())
        .put("who", change.who())
        .put("at", time(change.at()))
        .put("reason", change.reason())
        .put("forced", change.forced());
    node.set("gates", gates(change.gates()));
    return node;
  }

  private static ArrayNode gates(List<GateResult> gates) {
    ArrayNode array = MAPPER.createArrayNode();
    gates.forEach(gate -> array.addObject().put("gate", gate.gate()).put("passed", gate.passed())
        .put("detail", gate.detail()));
    return array;
  }

  private static ObjectNode instance(InstanceStatus status) {
    InstanceReport report = status.report();
    return MAPPER.createObjectNode()
        .put("id", report.instanceId())
        .put("kind", report.kind().name())
        .put("host", report.host())
        .put("appliedVersion", report.appliedVersion())
        .put("acknowledged", status.acknowledged())
        .put("liveness", status.liveness().name())
        .put("heartbeatAt", time(report.heartbeatAt()))
        .put("stale", report.stale())
        .put("failedWritesPending", report.failedWritesPending())
        .put("copiesInFlight", report.copiesInFlight())
        .put("errors", report.errors())
        .put("shadowReads", report.shadowReads())
        .put("shadowMismatches", report.shadowMismatches());
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
