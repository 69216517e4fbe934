package io.tandem.core.internal.control;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.api.control.InstanceKind;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationException.Reason;
import io.tandem.core.api.control.ValidationSummary;
import java.util.Arrays;

/** Rows of the {@code instances}, {@code copy_progress} and {@code validations} tables to records and back. */
final class ReportRows {

  static final String INSTANCE_COLUMNS = "instance_id, kind, host, applied_version, heartbeat_at, stale, "
      + "failed_writes_pending, copies_in_flight, errors, shadow_reads, shadow_mismatches";
  static final String COPY_COLUMNS = "table_name, ranges_done, ranges_total, updated_at";
  static final String VALIDATION_COLUMNS = "table_name, started_at, finished_at, differences, failed_ranges";

  private ReportRows() {}

  static BoundStatement instance(PreparedStatement statement, String migrationId, InstanceReport report) {
    return statement.bind(migrationId, report.instanceId(), report.kind().name(), report.host(),
        report.appliedVersion(), report.heartbeatAt(), report.stale(), report.failedWritesPending(),
        report.copiesInFlight(), report.errors(), report.shadowReads(), report.shadowMismatches());
  }

  static InstanceReport instance(String table, Row row) {
    String instanceId = row.getString("instance_id");
    return new InstanceReport(instanceId, kind(table, instanceId, row.getString("kind")),
        String.valueOf(row.getString("host")), row.getLong("applied_version"), row.getInstant("heartbeat_at"),
        row.getBoolean("stale"), row.getLong("failed_writes_pending"), row.getLong("copies_in_flight"),
        row.getLong("errors"), row.getLong("shadow_reads"), row.getLong("shadow_mismatches"));
  }

  static BoundStatement copy(PreparedStatement statement, String migrationId, CopyProgress progress) {
    return statement.bind(migrationId, progress.table(), progress.rangesDone(), progress.rangesTotal(),
        progress.updatedAt());
  }

  static CopyProgress copy(Row row) {
    return new CopyProgress(row.getString("table_name"), row.getLong("ranges_done"), row.getLong("ranges_total"),
        row.getInstant("updated_at"));
  }

  static BoundStatement validation(PreparedStatement statement, String migrationId, ValidationSummary summary) {
    return statement.bind(migrationId, summary.table(), summary.finishedAt(), summary.startedAt(),
        summary.differences(), summary.failedRanges());
  }

  static ValidationSummary validation(Row row) {
    return new ValidationSummary(row.getString("table_name"), row.getInstant("started_at"),
        row.getInstant("finished_at"), row.getLong("differences"), row.getLong("failed_ranges"));
  }

  private static InstanceKind kind(String table, String instanceId, String text) {
    try {
      return InstanceKind.valueOf(String.valueOf(text));
    } catch (IllegalArgumentException unknown) {
      throw new MigrationException(Reason.MALFORMED_STATE, "Instance '" + instanceId + "' cannot be read: column "
          + "kind of " + table + " holds '" + text + "' where one of " + Arrays.toString(InstanceKind.values())
          + " was expected. Delete the row; the instance writes it again with its next heartbeat");
    }
  }
}
