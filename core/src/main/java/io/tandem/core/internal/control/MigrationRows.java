package io.tandem.core.internal.control;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationException.Reason;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.control.PhaseChange;
import io.tandem.core.api.mirror.MirrorMode;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rows of the {@code migrations} table to records and back: the static columns hold the current state, each
 * clustering row one history entry. A row that cannot be read gives {@link Reason#MALFORMED_STATE} naming the
 * migration, the column and the value.
 */
final class MigrationRows {

  static final String STATE_COLUMNS =
      "phase, current_version, default_mode, overrides, changed_at, dual_write_since";
  static final String HISTORY_COLUMNS = "version, from_phase, to_phase, who, at, reason, gates, forced";

  private final String table;

  /** {@code table} is {@code keyspace.migrations}, for messages. */
  MigrationRows(String table) {
    this.table = table;
  }

  MigrationRecord record(String id, Row row) {
    Map<String, MirrorMode> overrides = new LinkedHashMap<>();
    row.getMap("overrides", String.class, String.class).forEach((key, mode) ->
        overrides.put(key, parse(id, "overrides['" + key + "']", mode, MirrorMode::valueOf, modes())));
    return new MigrationRecord(id, phase(id, "phase", row.getString("phase")),
        parse(id, "default_mode", row.getString("default_mode"), MirrorMode::valueOf, modes()), overrides,
        required(id, row, "current_version").getLong("current_version"),
        required(id, row, "changed_at").getInstant("changed_at"), row.getInstant("dual_write_since"));
  }

  PhaseChange change(String id, Row row) {
    String from = row.getString("from_phase");
    List<GateResult> gates = row.getList("gates", String.class).stream().map(text -> gate(id, text)).toList();
    return new PhaseChange(row.getLong("version"), from == null ? null : phase(id, "from_phase", from),
        phase(id, "to_phase", row.getString("to_phase")), required(id, row, "who").getString("who"),
        required(id, row, "at").getInstant("at"), row.getString("reason"), gates, row.getBoolean("forced"));
  }

  /** The update of the static columns to {@code next}, applied only if the stored version is {@code expected}. */
  static BoundStatement update(PreparedStatement statement, MigrationRecord next, Long expected) {
    Map<String, String> overrides = new LinkedHashMap<>();
    next.overrides().forEach((key, mode) -> overrides.put(key, mode.name()));
    return statement.bind(next.phase().name(), next.version(), next.defaultMode().name(), overrides,
        next.changedAt(), next.dualWriteSince(), next.id(), expected);
  }

  static BoundStatement history(PreparedStatement statement, String id, PhaseChange entry) {
    return statement.bind(id, entry.version(), entry.from() == null ? null : entry.from().name(),
        entry.to().name(), entry.who(), entry.at(), entry.reason(),
        entry.gates().stream().map(GateResult::toString).toList(), entry.forced());
  }

  /** Reads back {@link GateResult#toString()}: {@code "PASS gate: detail"} or {@code "FAIL gate: detail"}. */
  private GateResult gate(String id, String text) {
    int colon = text.indexOf(": ");
    boolean pass = text.startsWith("PASS ");
    if (colon < 5 || !pass && !text.startsWith("FAIL ")) {
      throw malformed(id, "gates", text, "'PASS gate: detail' or 'FAIL gate: detail'");
    }
    return new GateResult(text.substring(5, colon), pass, text.substring(colon + 2));
  }

  private Phase phase(String id, String column, String text) {
    return parse(id, column, text, Phase::valueOf, "one of " + Arrays.toString(Phase.values()));
  }

  private <T> T parse(String id, String column, String text, Function<String, T> parser, String expected) {
    try {
      return parser.apply(text == null ? "" : text);
    } catch (IllegalArgumentException unknown) {
      throw malformed(id, column, text, expected);
    }
  }

  private Row required(String id, Row row, String column) {
    if (row.isNull(column)) {
      throw malformed(id, column, null, "a value");
    }
    return row;
  }

  private MigrationException malformed(String id, String column, String value, String expected) {
    String shown = value == null ? "null" : "'" + value + "'";
    return new MigrationException(Reason.MALFORMED_STATE, "Migration '" + id + "' cannot be read: column "
        + column + " of " + table + " holds " + shown + " where " + expected + " was expected. Fix the row in "
        + table + " or restore it from the migration's history (tandem migrate history " + id + ")");
  }

  private static String modes() {
    return "one of " + Arrays.toString(MirrorMode.values());
  }
}
