package io.tandem.testkit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;

/**
 * The source and target clusters of a migration test, their shared sessions, and the keyspace that
 * belongs to the current test class (created with the same name on both sides, replication factor 1).
 *
 * <p>The sessions are shared by every test class of the JVM: do not close them, and do not {@code USE} a
 * keyspace on them; qualify table names with {@link #keyspace()} instead.
 */
public final class ClusterPair {

  private final SharedClusters clusters;
  private final String keyspace;

  ClusterPair(SharedClusters clusters, String keyspace) {
    this.clusters = clusters;
    this.keyspace = keyspace;
  }

  public EmbeddedCassandraCluster source() {
    return clusters.source();
  }

  public EmbeddedCassandraCluster target() {
    return clusters.target();
  }

  public CqlSession sourceSession() {
    return clusters.sourceSession();
  }

  public CqlSession targetSession() {
    return clusters.targetSession();
  }

  /** This test class's keyspace, present on both clusters. */
  public String keyspace() {
    return keyspace;
  }

  /**
   * Runs a statement on both clusters at once. {@code %s} in the text is replaced by {@link #keyspace()}, so
   * {@code executeOnBoth("CREATE TABLE %s.t (k int PRIMARY KEY)")} creates the table on each side.
   */
  public void executeOnBoth(String cqlTemplate) {
    String cql = cqlTemplate.replace("%s", keyspace);
    clusters.executeOnBoth(cql);
  }

  /** Runs a statement on the source; {@code %s} is replaced by {@link #keyspace()}. */
  public ResultSet executeOnSource(String cqlTemplate) {
    return sourceSession().execute(cqlTemplate.replace("%s", keyspace));
  }

  /** Runs a statement on the target; {@code %s} is replaced by {@link #keyspace()}. */
  public ResultSet executeOnTarget(String cqlTemplate) {
    return targetSession().execute(cqlTemplate.replace("%s", keyspace));
  }

  /** Restarts the target if a test stopped, killed or suspended it, so later tests find it running. */
  public void ensureTargetRunning() {
    clusters.ensureRunning(target());
  }
}
