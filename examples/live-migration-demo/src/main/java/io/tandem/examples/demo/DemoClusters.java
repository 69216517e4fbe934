package io.tandem.examples.demo;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import io.tandem.testkit.ClusterLifecycle;
import io.tandem.testkit.EmbeddedCassandraCluster;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The source and target clusters of the demo: two single-node Cassandra clusters started in parallel by the
 * testkit (source on 127.0.0.31, target on 127.0.0.32, away from the addresses Tandem's tests and the other
 * example use), or two real clusters given on the command line. Closing stops what was started here, and
 * nothing else.
 */
final class DemoClusters implements AutoCloseable {

  static final String SOURCE_ADDRESS = "127.0.0.31";
  static final String TARGET_ADDRESS = "127.0.0.32";

  private final EmbeddedCassandraCluster embeddedSource;
  private final EmbeddedCassandraCluster embeddedTarget;
  private final InetSocketAddress source;
  private final InetSocketAddress target;
  private final String datacenter;

  private DemoClusters(EmbeddedCassandraCluster embeddedSource, EmbeddedCassandraCluster embeddedTarget,
      InetSocketAddress source, InetSocketAddress target, String datacenter) {
    this.embeddedSource = embeddedSource;
    this.embeddedTarget = embeddedTarget;
    this.source = source;
    this.target = target;
    this.datacenter = datacenter;
  }

  /** Real clusters: nothing is started or stopped. */
  static DemoClusters external(InetSocketAddress source, InetSocketAddress target, String datacenter) {
    return new DemoClusters(null, null, source, target, datacenter);
  }

  /**
   * Starts both embedded clusters with empty data under {@code workDirectory}; returns once both accept CQL.
   * A failure stops whichever started.
   */
  static DemoClusters startEmbedded(Path workDirectory, String heap) {
    EmbeddedCassandraCluster source = cluster("demo-source", SOURCE_ADDRESS, workDirectory, heap);
    EmbeddedCassandraCluster target = cluster("demo-target", TARGET_ADDRESS, workDirectory, heap);
    DemoClusters clusters = new DemoClusters(source, target, new InetSocketAddress(SOURCE_ADDRESS, 9042),
        new InetSocketAddress(TARGET_ADDRESS, 9042), EmbeddedCassandraCluster.DATACENTER);
    ClusterLifecycle.startInParallel(source, target);
    return clusters;
  }

  private static EmbeddedCassandraCluster cluster(String name, String address, Path workDirectory, String heap) {
    return EmbeddedCassandraCluster.builder()
        .withClusterName(name)
        .withFirstAddress(address)
        .withHeap(heap)
        .withWorkDirectory(workDirectory)
        .build();
  }

  boolean embedded() {
    return embeddedSource != null;
  }

  InetSocketAddress sourceAddress() {
    return source;
  }

  InetSocketAddress targetAddress() {
    return target;
  }

  String datacenter() {
    return datacenter;
  }

  /** Where the embedded nodes write their logs, for messages; empty for real clusters. */
  String logFiles() {
    return embedded() ? embeddedSource.logFiles() + " " + embeddedTarget.logFiles() : "";
  }

  CqlSessionBuilder sourceSessionBuilder() {
    return embedded() ? embeddedSource.sessionBuilder() : builder(source);
  }

  CqlSessionBuilder targetSessionBuilder() {
    return embedded() ? embeddedTarget.sessionBuilder() : builder(target);
  }

  private CqlSessionBuilder builder(InetSocketAddress contactPoint) {
    return CqlSession.builder().addContactPoint(contactPoint).withLocalDatacenter(datacenter);
  }

  /** Stops the embedded clusters (each waits for its node to exit); safe to call more than once. */
  @Override
  public void close() {
    ClusterLifecycle.closeInParallel(embeddedSource, embeddedTarget);
  }
}
