package io.tandem.rings;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import io.tandem.testkit.ClusterLifecycle;
import io.tandem.testkit.EmbeddedCassandraCluster;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusters of the ring tests, started once per test JVM by {@link RingExtension}: a 3-node Cassandra source
 * ring on 127.0.0.21–23 (16 vnodes per node) whose keyspace {@value #KEYSPACE} has replication factor {@value
 * #REPLICATION_FACTOR}, and a 1-node target on 127.0.0.24 with the same keyspace. Four nodes of 512 MB heap at most
 * are alive at once. The sessions are shared: do not close them.
 */
final class Ring implements AutoCloseable {

  static final String KEYSPACE = "ring";
  static final int NODES = 3;
  static final int REPLICATION_FACTOR = 2;
  static final int VNODES_PER_NODE = 16;
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  private static final Logger LOG = LoggerFactory.getLogger(Ring.class);
  private static final String HEAP = "512m";
  private static final Duration NODE_UP_TIMEOUT = Duration.ofSeconds(90);

  private final EmbeddedCassandraCluster source;
  private final EmbeddedCassandraCluster target;
  private final CqlSession sourceSession;
  private final CqlSession targetSession;

  private Ring(EmbeddedCassandraCluster source, EmbeddedCassandraCluster target) {
    this.source = source;
    this.target = target;
    this.sourceSession = source.testSessionBuilder(REQUEST_TIMEOUT).build();
    this.targetSession = target.testSessionBuilder(REQUEST_TIMEOUT).build();
  }

  static Ring start() {
    EmbeddedCassandraCluster source = cluster("ring-source", "127.0.0.21", NODES);
    EmbeddedCassandraCluster target = cluster("ring-target", "127.0.0.24", 1);
    long started = System.nanoTime();
    ClusterLifecycle.startInParallel(source, target);
    LOG.info("Source ring of {} nodes and target up in {} ms", NODES, (System.nanoTime() - started) / 1_000_000);
    Ring ring = new Ring(source, target);
    ring.createKeyspaces();
    return ring;
  }

  private static EmbeddedCassandraCluster cluster(String name, String firstAddress, int nodes) {
    return EmbeddedCassandraCluster.builder().withClusterName(name).withFirstAddress(firstAddress)
        .withNodeCount(nodes).withHeap(HEAP).build();
  }

  private void createKeyspaces() {
    sourceSession.execute("CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': " + REPLICATION_FACTOR + "}");
    targetSession.execute("CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    // empty: read at ALL, it tells whether every coordinator reaches every replica
    sourceSession.execute("CREATE TABLE IF NOT EXISTS " + KEYSPACE + ".probe (k int PRIMARY KEY)");
  }

  EmbeddedCassandraCluster source() {
    return source;
  }

  EmbeddedCassandraCluster target() {
    return target;
  }

  CqlSession sourceSession() {
    return sourceSession;
  }

  CqlSession targetSession() {
    return targetSession;
  }

  /** A builder for a session of the caller's own on the source ring (to add a request tracker, say). */
  CqlSessionBuilder sourceSessionBuilder() {
    return source.testSessionBuilder(REQUEST_TIMEOUT);
  }

  CqlSessionBuilder targetSessionBuilder() {
    return target.testSessionBuilder(REQUEST_TIMEOUT);
  }

  /** Creates a table (the text after {@code CREATE TABLE ring.<name>}) on both clusters, dropping an old one. */
  void createTable(String name, String definition) {
    for (CqlSession session : new CqlSession[] {sourceSession, targetSession}) {
      session.execute("DROP TABLE IF EXISTS " + KEYSPACE + "." + name);
      session.execute("CREATE TABLE " + KEYSPACE + "." + name + " " + definition);
    }
  }

  /**
   * Starts any source node a test stopped and returns once every node is up and every node, as a coordinator,
   * reaches all replicas (a read at ALL succeeds through each).
   */
  void ensureEveryNodeUp() {
    source.restart();
    Await.until(NODE_UP_TIMEOUT, "every source node up and reaching the others", this::everyCoordinatorReachesAll);
  }

  private boolean everyCoordinatorReachesAll() {
    if (sourceSession.getMetadata().getNodes().size() != NODES) {
      return false;
    }
    for (Node node : sourceSession.getMetadata().getNodes().values()) {
      if (node.getState() != NodeState.UP) {
        return false;
      }
      try {
        sourceSession.execute(SimpleStatement.newInstance("SELECT k FROM " + KEYSPACE + ".probe LIMIT 1")
            .setNode(node).setConsistencyLevel(DefaultConsistencyLevel.ALL));
      } catch (DriverException notYet) {
        return false;
      }
    }
    return true;
  }

  /** A node's address, to compare nodes seen by different sessions (each has its own {@link Node} objects). */
  static InetAddress address(Node node) {
    return ((InetSocketAddress) node.getEndPoint().resolve()).getAddress();
  }

  @Override
  public void close() {
    sourceSession.close();
    targetSession.close();
    ClusterLifecycle.closeInParallel(source, target);
    LOG.info("Source ring and target stopped");
  }
}
