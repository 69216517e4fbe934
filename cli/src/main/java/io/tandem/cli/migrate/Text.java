package io.tandem.cli.migrate;

import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.InstanceStatus;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.MigrationStatus;
import io.tandem.core.api.control.PhaseChange;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The text output of {@code tandem migrate}, for people. */
final class Text {

  private static final String INSTANCE_ROW = "  %-36s %-7s %-22s %7s %-5s %-3s %-24s %8s %7s %7s%n";

  private Text() {}

  static void status(MigrationStatus status, PrintWriter out) {
    MigrationRecord migration = status.migration();
    out.printf(Locale.ROOT, "Migration %s: %s (version %d, changed at %s)%n", migration.id(), migration.phase(),
        migration.version(), migration.changedAt());
    out.printf(Locale.ROOT, "  reads from %s, writes answered by %s, mirroring %s, mode %s%s%n",
        migration.phase().readSide(), migration.phase().primary(), migration.phase().mirroring() ? "on" : "off",
        migration.defaultMode(), overrides(migration));
    if (status.next() == null) {
      out.println("Next: none, the migration is over.");
    } else {
      out.println("Next: " + status.next() + (status.ready() ? " (ready: every gate passes)"
          : " (not ready: a gate fails)"));
      status.gates().forEach(gate -> out.println("  " + gate));
    }
    instances(status.instances(), out);
  }

  static void instances(List<InstanceStatus> instances, PrintWriter out) {
    out.println("Instances: " + instances.size());
    if (instances.isEmpty()) {
      return;
    }
    out.printf(Locale.ROOT, INSTANCE_ROW, "ID", "KIND", "HOST", "VERSION", "STATE", "ACK", "HEARTBEAT",
        "PENDING", "COPIES", "ERRORS");
    for (InstanceStatus instance : instances) {
      InstanceReport report = instance.report();
      out.printf(Locale.ROOT, INSTANCE_ROW, report.instanceId(), report.kind(), report.host(),
          report.appliedVersion(), instance.liveness(), instance.acknowledged() ? "yes" : "NO", report.heartbeatAt(),
          report.failedWritesPending(), report.copiesInFlight(), report.errors());
    }
  }

  static void change(PhaseChange change, PrintWriter out) {
    out.printf(Locale.ROOT, "v%d  %s  %s -> %s  by %s%s%s%n", change.version(), change.at(),
        change.from() == null ? "(created)" : change.from(), change.to(), change.who(),
        change.forced() ? "  FORCED" : "", change.reason().isEmpty() ? "" : "  \"" + change.reason() + "\"");
    change.gates().forEach(gate -> out.println("      " + gate));
  }

  /** {@code ", overrides ks.t=SYNC, ..."}, or nothing. */
  static String overrides(MigrationRecord migration) {
    return migration.overrides().isEmpty() ? "" : ", overrides " + migration.overrides().entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue()).sorted().collect(Collectors.joining(", "));
  }
}
