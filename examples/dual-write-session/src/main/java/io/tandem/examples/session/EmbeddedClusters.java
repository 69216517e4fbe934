package io.tandem.examples.session;

import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import io.tandem.testkit.ClusterLifecycle;
import io.tandem.testkit.EmbeddedCassandraCluster;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two single-node Cassandra clusters of the demo, started in parallel by the testkit: the source on
 * 127.0.0.21 and the target on 127.0.0.22 (not 127.0.0.1/2, which Tandem's own tests use). Closing stops
 * both.
 */
public final class EmbeddedClusters implements AutoCloseable {

  /** The source cluster's address. */
  public static final String SOURCE_ADDRESS = "127.0.0.21";
  /** The target cluster's address. */
  public static final String TARGET_ADDRESS = "127.0.0.22";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedClusters.class);

  private final EmbeddedCassandraCluster source;
  private final EmbeddedCassandraCluster target;

  private EmbeddedClusters(EmbeddedCassandraCluster source, EmbeddedCassandraCluster target) {
    this.source = source;
    this.target = target;
  }

  /** Starts both clusters with empty data under {@code workDirectory}; returns once both accept CQL. */
  public static EmbeddedClusters start(Path workDirectory) {
    EmbeddedClusters clusters = new EmbeddedClusters(
        cluster("example-source", SOURCE_ADDRESS, workDirectory),
        cluster("example-target", TARGET_ADDRESS, workDirectory));
    LOG.info("Starting two Cassandra clusters (source {}, target {}) in {} - about 30 s",
        SOURCE_ADDRESS, TARGET_ADDRESS, workDirectory.toAbsolutePath());
    ClusterLifecycle.startInParallel(clusters.source, clusters.target);
    return clusters;
  }

  private static EmbeddedCassandraCluster cluster(String name, String address, Path workDirectory) {
    return EmbeddedCassandraCluster.builder()
        .withClusterName(name)
        .withFirstAddress(address)
        .withHeap("1g")
        .withWorkDirectory(workDirectory)
        .build();
  }

  /** A driver builder for the source: contact point and local data center set. */
  public CqlSessionBuilder sourceSessionBuilder() {
    return source.sessionBuilder();
  }

  /** A driver builder for the target: contact point and local data center set. */
  public CqlSessionBuilder targetSessionBuilder() {
    return target.sessionBuilder();
  }

  /** Stops both clusters (each waits for its node to exit). */
  @Override
  public void close() {
    LOG.info("Stopping both clusters");
    ClusterLifecycle.closeInParallel(source, target);
  }
}
