package io.tandem.core.internal.control;

import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.InstanceStatus;
import io.tandem.core.api.control.InstanceStatus.Liveness;
import io.tandem.core.api.control.MigrationRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The one place an instance's liveness is decided: from the age of its heartbeat and its own stale flag. */
final class InstanceStatuses {

  private InstanceStatuses() {}

  static List<InstanceStatus> of(List<InstanceReport> reports, MigrationRecord record, Instant now,
      ControlConfig config) {
    return reports.stream().map(report -> of(report, record, now, config)).toList();
  }

  static InstanceStatus of(InstanceReport report, MigrationRecord record, Instant now, ControlConfig config) {
    return new InstanceStatus(report, liveness(report, now, config),
        report.appliedVersion() >= record.version());
  }

  static Liveness liveness(InstanceReport report, Instant now, ControlConfig config) {
    Duration age = age(report, now);
    if (age.compareTo(config.forgetAfter()) > 0) {
      return Liveness.GONE;
    }
    return report.stale() || age.compareTo(config.staleAfter()) > 0 ? Liveness.STALE : Liveness.LIVE;
  }

  /** How old the heartbeat is; a heartbeat from a clock ahead of ours counts as fresh. */
  static Duration age(InstanceReport report, Instant now) {
    Duration age = Duration.between(report.heartbeatAt(), now);
    return age.isNegative() ? Duration.ZERO : age;
  }
}
