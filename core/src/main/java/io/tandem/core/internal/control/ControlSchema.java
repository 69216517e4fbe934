package io.tandem.core.internal.control;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control keyspace and its tables, created if missing. A migration's history shares its partition (clustering
 * rows under static current-state columns), so a phase change and its history entry are one conditional batch on
 * one partition: both or neither.
 */
final class ControlSchema {

  private static final Logger LOG = LoggerFactory.getLogger(ControlSchema.class);

  private static final Duration DDL_TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> TABLES = List.of("migrations", "instances", "copy_progress", "validations");

  private final CqlSession session;
  private final String keyspace;
  private final String replication;

  /** {@code replication} as CQL, or {@code null} for SimpleStrategy with factor min(3, nodes). */
  ControlSchema(CqlSession session, String keyspace, String replication) {
    this.session = session;
    this.keyspace = keyspace;
    this.replication = replication;
  }

  /**
   * Creates what is missing; each statement waits for schema agreement (the driver's default). Nothing is sent when
   * the session's schema metadata already shows every table: every instance opens a store at start, and a schema
   * statement, even one that changes nothing, costs seconds.
   */
  void create() {
    if (exists()) {
      return;
    }
    execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication());
    for (String table : tables()) {
      execute(table);
    }
  }

  private boolean exists() {
    return session.getMetadata().getKeyspace(keyspace)
        .map(found -> found.getTables().keySet().stream().map(name -> name.asInternal()).toList())
        .map(names -> names.containsAll(TABLES))
        .orElse(false);
  }

  String replication() {
    if (replication != null) {
      return replication;
    }
    int nodes = Math.max(1, session.getMetadata().getNodes().size());
    return "{'class': 'SimpleStrategy', 'replication_factor': " + Math.min(3, nodes) + "}";
  }

  private List<String> tables() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS " + keyspace + ".migrations (id text, version bigint, "
            + "phase text STATIC, current_version bigint STATIC, default_mode text STATIC, "
            + "overrides map<text, text> STATIC, changed_at timestamp STATIC, dual_write_since timestamp STATIC, "
            + "from_phase text, to_phase text, who text, at timestamp, reason text, gates list<text>, "
            + "forced boolean, PRIMARY KEY (id, version)) WITH CLUSTERING ORDER BY (version ASC)",
        "CREATE TABLE IF NOT EXISTS " + keyspace + ".instances (migration_id text, instance_id text, kind text, "
            + "host text, applied_version bigint, heartbeat_at timestamp, stale boolean, "
            + "failed_writes_pending bigint, copies_in_flight bigint, errors bigint, shadow_reads bigint, "
            + "shadow_mismatches bigint, PRIMARY KEY (migration_id, instance_id))",
        "CREATE TABLE IF NOT EXISTS " + keyspace + ".copy_progress (migration_id text, table_name text, "
            + "ranges_done bigint, ranges_total bigint, updated_at timestamp, "
            + "PRIMARY KEY (migration_id, table_name))",
        "CREATE TABLE IF NOT EXISTS " + keyspace + ".validations (migration_id text, table_name text, "
            + "finished_at timestamp, started_at timestamp, differences bigint, failed_ranges bigint, "
            + "PRIMARY KEY ((migration_id), table_name, finished_at)) "
            + "WITH CLUSTERING ORDER BY (table_name ASC, finished_at DESC)");
  }

  private void execute(String ddl) {
    // schema changes can take seconds on a busy or freshly started cluster: longer than a request timeout
    ResultSet result = session.execute(SimpleStatement.newInstance(ddl).setTimeout(DDL_TIMEOUT));
    if (!result.getExecutionInfo().isSchemaInAgreement()) {
      LOG.warn("The control store's schema change did not reach every node of its cluster in time ({}); "
          + "the next statements may fail on a node that has not seen it yet", ddl);
    }
  }
}
