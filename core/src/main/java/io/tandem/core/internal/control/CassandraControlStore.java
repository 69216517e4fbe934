package io.tandem.core.internal.control;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationException.Reason;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.PhaseChange;
import io.tandem.core.api.control.ValidationSummary;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The control store in a Cassandra keyspace (see {@link ControlSchema}), created with its tables on first use.
 * A change is one conditional batch on the migration's partition: the current state (static columns) if its
 * version is still the stored one, and the history entry (a clustering row). Statements run at LOCAL_QUORUM (a
 * follower must not read an older version than the one just written on a multi-node control cluster) with the
 * session's serial consistency; times are kept to the millisecond.
 */
public final class CassandraControlStore implements ControlStore {

  private final CqlSession session;
  private final ControlSchema schema;
  private final StoreErrors errors;
  private final MigrationRows rows;
  private final String keyspace;
  private volatile ControlStatements statements;

  /** Connects nothing yet: the keyspace is created and statements prepared on first use. */
  public CassandraControlStore(CqlSession session, ControlConfig config) {
    this.session = Objects.requireNonNull(session, "session");
    this.keyspace = config.keyspace();
    this.schema = new ControlSchema(session, keyspace, config.replication());
    this.errors = new StoreErrors(StoreErrors.where(session, keyspace));
    this.rows = new MigrationRows(keyspace + ".migrations");
  }

  @Override
  public Optional<MigrationRecord> load(String id) {
    Row row = errors.call("loading migration '" + id + "'",
        () -> execute(statements().loadMigration().bind(id)).one());
    return Optional.ofNullable(row).map(found -> rows.record(id, found));
  }

  @Override
  public void create(MigrationRecord first, PhaseChange entry) {
    apply("creating migration '" + first.id() + "'", first, null, entry).ifPresent(refusal -> {
      throw new MigrationException(Reason.ALREADY_EXISTS, "Migration '" + first.id() + "' exists already"
          + describe(first.id(), refusal) + "; choose another id, or run status to see it");
    });
  }

  @Override
  public void change(MigrationRecord current, MigrationRecord next, PhaseChange entry) {
    if (!current.id().equals(next.id())) {
      throw new IllegalArgumentException("A change cannot move migration '" + current.id() + "' to the record of '"
          + next.id() + "'");
    }
    apply("changing migration '" + current.id() + "'", next, current.version(), entry).ifPresent(refusal -> {
      throw new MigrationException(Reason.CONCURRENT_CHANGE, "Migration '" + current.id() + "' was moved by "
          + "someone else" + describe(current.id(), refusal) + "; run status and try again");
    });
  }

  /**
   * Writes {@code next} and {@code entry} if the stored version is {@code expected} (null: no migration yet).
   *
   * @return empty when applied, else the stored row the transaction found
   */
  private Optional<Row> apply(String action, MigrationRecord next, Long expected, PhaseChange entry) {
    return errors.call(action, () -> {
      ControlStatements prepared = statements();
      BatchStatement batch = BatchStatement.newInstance(DefaultBatchType.LOGGED,
          MigrationRows.update(prepared.updateMigration(), next, expected),
          MigrationRows.history(prepared.insertHistory(), next.id(), entry));
      ResultSet result = execute(batch);
      return result.wasApplied() ? Optional.empty() : Optional.ofNullable(result.one());
    });
  }

  /**
   * " (it is now at version N, phase P)" for the message of a refused change: from the row the transaction found
   * when it holds both (a batch's answer may hold only the conditions' columns), else as read now.
   */
  private String describe(String id, Row found) {
    boolean complete = found.getColumnDefinitions().contains("current_version")
        && found.getColumnDefinitions().contains("phase") && !found.isNull("current_version");
    if (complete) {
      return describe(found.getLong("current_version"), found.getString("phase"));
    }
    try {
      return load(id).map(now -> describe(now.version(), now.phase().name())).orElse("");
    } catch (MigrationException unreadable) {
      return "";
    }
  }

  private static String describe(long version, String phase) {
    return " (it is now at version " + version + ", phase " + phase + ")";
  }

  @Override
  public List<PhaseChange> history(String id) {
    return errors.call("reading the history of migration '" + id + "'",
        () -> stream(execute(statements().history().bind(id)))
            .filter(row -> !row.isNull("version")) // a partition with state but no history row yet
            .map(row -> rows.change(id, row)).toList());
  }

  @Override
  public void heartbeat(String migrationId, InstanceReport report) {
    errors.run("recording the heartbeat of instance '" + report.instanceId() + "'",
        () -> execute(ReportRows.instance(statements().upsertInstance(), migrationId, report)));
  }

  @Override
  public void deregister(String migrationId, String instanceId) {
    errors.run("deregistering instance '" + instanceId + "'",
        () -> execute(statements().deleteInstance().bind(migrationId, instanceId)));
  }

  @Override
  public List<InstanceReport> instances(String migrationId) {
    String table = keyspace + ".instances";
    return errors.call("reading the instances of migration '" + migrationId + "'",
        () -> stream(execute(statements().selectInstances().bind(migrationId)))
            .map(row -> ReportRows.instance(table, row)).toList());
  }

  @Override
  public void recordCopyProgress(String migrationId, CopyProgress progress) {
    errors.run("recording the copy progress of " + progress.table(),
        () -> execute(ReportRows.copy(statements().upsertCopyProgress(), migrationId, progress)));
  }

  @Override
  public List<CopyProgress> copyProgress(String migrationId) {
    return errors.call("reading the copy progress of migration '" + migrationId + "'",
        () -> stream(execute(statements().selectCopyProgress().bind(migrationId)))
            .map(ReportRows::copy).toList());
  }

  @Override
  public void recordValidation(String migrationId, ValidationSummary summary) {
    errors.run("recording a validation of " + summary.table(),
        () -> execute(ReportRows.validation(statements().insertValidation(), migrationId, summary)));
  }

  @Override
  public List<ValidationSummary> validations(String migrationId) {
    return errors.call("reading the validations of migration '" + migrationId + "'",
        () -> stream(execute(statements().selectValidations().bind(migrationId)))
            .map(ReportRows::validation).toList());
  }

  /** Leaves the session open: it is the caller's. */
  @Override
  public void close() {}

  /** The prepared statements, creating the schema first on first use (again after a failed attempt). */
  private ControlStatements statements() {
    ControlStatements ready = statements;
    if (ready == null) {
      synchronized (this) {
        if (statements == null) {
          schema.create();
          statements = ControlStatements.prepare(session, keyspace);
        }
        ready = statements;
      }
    }
    return ready;
  }

  private static java.util.stream.Stream<Row> stream(ResultSet result) {
    return StreamSupport.stream(result.spliterator(), false);
  }

  private ResultSet execute(Statement<?> statement) {
    return session.execute(statement.setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM));
  }
}
