package io.tandem.core.api.control;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.List;
import java.util.Optional;

/**
 * Where migrations, their history, the instances following them, copy progress and validation summaries are
 * kept: the keyspace {@code tandem_control} (by default) on a cluster of the operator's choice. Every phase change
 * is one lightweight transaction on the migration's version together with its history entry, so two operators
 * cannot both win. Thread-safe.
 *
 * <p>Every method throws {@link MigrationException} with {@link MigrationException.Reason#STORE_UNAVAILABLE} when
 * the cluster cannot be reached.
 */
public interface ControlStore extends AutoCloseable {

  /**
   * The store in {@code config.keyspace()} on the cluster {@code session} is connected to, created (keyspace
   * and tables) on first use. The session stays the caller's to close.
   */
  static ControlStore cassandra(CqlSession session, ControlConfig config) {
    return new io.tandem.core.internal.control.CassandraControlStore(session, config);
  }

  /** A store in memory, for tests and single-process trials. */
  static ControlStore inMemory() {
    return new io.tandem.core.internal.control.InMemoryControlStore();
  }

  /**
   * The migration with this id, if any.
   *
   * @throws MigrationException {@code MALFORMED_STATE} when the row cannot be read as a migration
   */
  Optional<MigrationRecord> load(String id);

  /**
   * Creates a migration at version 1 and its first history entry.
   *
   * @throws MigrationException {@code ALREADY_EXISTS} when the id is taken
   */
  void create(MigrationRecord first, PhaseChange entry);

  /**
   * Replaces {@code current} by {@code next} and appends {@code entry}, both or neither, if {@code current}'s
   * version is still the stored one.
   *
   * @throws MigrationException {@code CONCURRENT_CHANGE} when someone else changed it first
   */
  void change(MigrationRecord current, MigrationRecord next, PhaseChange entry);

  /** The migration's history, oldest first. */
  List<PhaseChange> history(String id);

  /** Records an instance's heartbeat (replacing its previous one). */
  void heartbeat(String migrationId, InstanceReport report);

  /** Removes an instance that stopped gracefully. */
  void deregister(String migrationId, String instanceId);

  /** The last heartbeat of every instance that reported for this migration and has not deregistered. */
  List<InstanceReport> instances(String migrationId);

  /** Records how far the copy of one table got (replacing the table's previous record). */
  void recordCopyProgress(String migrationId, CopyProgress progress);

  List<CopyProgress> copyProgress(String migrationId);

  /** Records one validation of one table (every run is kept). */
  void recordValidation(String migrationId, ValidationSummary summary);

  /** Every recorded validation, newest first per table. */
  List<ValidationSummary> validations(String migrationId);

  /** Does not close a session the caller gave. */
  @Override
  void close();
}
