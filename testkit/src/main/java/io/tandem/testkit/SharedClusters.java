package io.tandem.testkit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source and target clusters of one test JVM, started in parallel on first use and stopped when the
 * JUnit engine closes its root store (end of the run) or, failing that, by the JVM's shutdown hooks.
 */
final class SharedClusters implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SharedClusters.class);

  private final EmbeddedCassandraCluster source;
  private final EmbeddedCassandraCluster target;
  private final CqlSession sourceSession;
  private final CqlSession targetSession;

  private SharedClusters(EmbeddedCassandraCluster source, EmbeddedCassandraCluster target) {
    this.source = source;
    this.target = target;
    this.sourceSession = openSession(source);
    this.targetSession = openSession(target);
  }

  static SharedClusters start() {
    EmbeddedCassandraCluster source = cluster("source", "127.0.0.1");
    EmbeddedCassandraCluster target = cluster("target", "127.0.0.2");
    long started = System.nanoTime();
    ClusterLifecycle.startInParallel(source, target);
    LOG.info("Source ({}) and target ({}) clusters up in {} ms", source.version(), target.version(),
        (System.nanoTime() - started) / 1_000_000);
    return new SharedClusters(source, target);
  }

  private static EmbeddedCassandraCluster cluster(String role, String defaultAddress) {
    return EmbeddedCassandraCluster.builder()
        .withClusterName(role)
        .withFirstAddress(System.getProperty("tandem.testkit." + role + ".address", defaultAddress))
        .withNativePort(Integer.getInteger("tandem.testkit.nativePort", 9042))
        .withStoragePort(Integer.getInteger("tandem.testkit.storagePort", 7000))
        .withHeap(System.getProperty("tandem.testkit.heap", "1g"))
        .withVersion(CassandraVersion.parse(System.getProperty("tandem.testkit." + role + ".version", "5.0")))
        .build();
  }

  static CqlSession openSession(EmbeddedCassandraCluster cluster) {
    return cluster.testSessionBuilder(Duration.ofSeconds(20)).build();
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

  void createKeyspace(String keyspace) {
    String cql =
        "CREATE KEYSPACE IF NOT EXISTS " + keyspace
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}";
    executeOnBoth(cql);
  }

  /** Runs {@code cql} on both clusters at once: a schema change takes about a second on each, tests make many. */
  void executeOnBoth(String cql) {
    CompletableFuture<AsyncResultSet> source = sourceSession.executeAsync(cql).toCompletableFuture();
    CompletableFuture<AsyncResultSet> target = targetSession.executeAsync(cql).toCompletableFuture();
    await(source);
    await(target);
  }

  private static void await(CompletableFuture<AsyncResultSet> result) {
    try {
      result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  void ensureRunning(EmbeddedCassandraCluster cluster) {
    cluster.resume();
    cluster.restart();
  }

  @Override
  public void close() {
    sourceSession.close();
    targetSession.close();
    ClusterLifecycle.closeInParallel(source, target);
    LOG.info("Source and target clusters stopped");
  }
}
