package io.tandem.proxy.internal.admin;

import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.InstanceStatus;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationFollower;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.MigrationStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The control plane's records as the admin endpoint's JSON: maps in a stable order, names as in the API. */
final class MigrationJson {

  private MigrationJson() {}

  /** {@code GET /migration}: the migration, its next step's gates, the instances, and this proxy. */
  static Map<String, Object> status(MigrationStatus status, MigrationFollower self) {
    Map<String, Object> body = record(status.migration());
    body.put("next", status.next());
    body.put("ready", status.ready());
    body.put("gates", gates(status.gates()));
    body.put("instances", status.instances().stream().map(MigrationJson::instance).toList());
    body.put("proxy", self(self));
    return body;
  }

  static Map<String, Object> record(MigrationRecord migration) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("migration", migration.id());
    body.put("phase", migration.phase());
    body.put("version", migration.version());
    body.put("changedAt", String.valueOf(migration.changedAt()));
    return body;
  }

  /** What this proxy serves with: the version it applied, its phase, and whether the store is out of reach. */
  static Map<String, Object> self(MigrationFollower self) {
    MigrationRecord applied = self.applied();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("instanceId", self.instanceId());
    body.put("appliedVersion", applied.version());
    body.put("phase", applied.phase());
    body.put("stale", self.stale());
    body.put("lastContact", String.valueOf(self.lastContact()));
    return body;
  }

  /** A refused or failed read or step: the reason, the message, and the gates when they refused. */
  static Map<String, Object> error(MigrationException error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error.reason());
    body.put("message", error.getMessage());
    if (!error.gates().isEmpty()) {
      body.put("gates", gates(error.gates()));
    }
    return body;
  }

  private static List<Map<String, Object>> gates(List<GateResult> gates) {
    return gates.stream().map(gate -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("gate", gate.gate());
      body.put("passed", gate.passed());
      body.put("detail", gate.detail());
      return body;
    }).toList();
  }

  private static Map<String, Object> instance(InstanceStatus status) {
    InstanceReport report = status.report();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("instanceId", report.instanceId());
    body.put("kind", report.kind());
    body.put("host", report.host());
    body.put("liveness", status.liveness());
    body.put("acknowledged", status.acknowledged());
    body.put("appliedVersion", report.appliedVersion());
    body.put("stale", report.stale());
    body.put("failedWritesPending", report.failedWritesPending());
    body.put("heartbeatAt", String.valueOf(report.heartbeatAt()));
    return body;
  }
}
