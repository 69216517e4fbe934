package io.tandem.core.internal.control;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

/** The control store's statements, prepared once after its schema exists. */
record ControlStatements(PreparedStatement loadMigration, PreparedStatement history,
    PreparedStatement updateMigration, PreparedStatement insertHistory, PreparedStatement upsertInstance,
    PreparedStatement deleteInstance, PreparedStatement selectInstances, PreparedStatement upsertCopyProgress,
    PreparedStatement selectCopyProgress, PreparedStatement insertValidation, PreparedStatement selectValidations) {

  /** How long an instance's row outlives its last heartbeat: instances that died without deregistering vanish. */
  static final int INSTANCE_TTL_SECONDS = 7 * 24 * 3600;

  static ControlStatements prepare(CqlSession session, String keyspace) {
    String migrations = keyspace + ".migrations";
    String instances = keyspace + ".instances";
    String copies = keyspace + ".copy_progress";
    String validations = keyspace + ".validations";
    return new ControlStatements(
        session.prepare("SELECT " + MigrationRows.STATE_COLUMNS + " FROM " + migrations + " WHERE id = ? LIMIT 1"),
        session.prepare("SELECT " + MigrationRows.HISTORY_COLUMNS + " FROM " + migrations + " WHERE id = ?"),
        // the condition's value is bound: null when creating (no migration yet), the replaced version otherwise
        session.prepare("UPDATE " + migrations + " SET phase = ?, current_version = ?, default_mode = ?, "
            + "overrides = ?, changed_at = ?, dual_write_since = ? WHERE id = ? IF current_version = ?"),
        session.prepare("INSERT INTO " + migrations + " (id, version, from_phase, to_phase, who, at, reason, gates, "
            + "forced) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        session.prepare("INSERT INTO " + instances + " (migration_id, instance_id, kind, host, applied_version, "
            + "heartbeat_at, stale, failed_writes_pending, copies_in_flight, errors, shadow_reads, "
            + "shadow_mismatches) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL " + INSTANCE_TTL_SECONDS),
        session.prepare("DELETE FROM " + instances + " WHERE migration_id = ? AND instance_id = ?"),
        session.prepare("SELECT " + ReportRows.INSTANCE_COLUMNS + " FROM " + instances + " WHERE migration_id = ?"),
        session.prepare("INSERT INTO " + copies + " (migration_id, table_name, ranges_done, ranges_total, "
            + "updated_at) VALUES (?, ?, ?, ?, ?)"),
        session.prepare("SELECT " + ReportRows.COPY_COLUMNS + " FROM " + copies + " WHERE migration_id = ?"),
        session.prepare("INSERT INTO " + validations + " (migration_id, table_name, finished_at, started_at, "
            + "differences, failed_ranges) VALUES (?, ?, ?, ?, ?, ?)"),
        session.prepare("SELECT " + ReportRows.VALIDATION_COLUMNS + " FROM " + validations
            + " WHERE migration_id = ?"));
  }
}
