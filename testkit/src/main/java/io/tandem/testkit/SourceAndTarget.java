package io.tandem.testkit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The source and target clusters of a demo or an example: two single-node clusters started in parallel by the
 * testkit, or two real clusters named by the user. Closing stops what was started here, and nothing else.
 */
public final class SourceAndTarget implements AutoCloseable {

  private static final int NATIVE_PORT = 9042;

  private final EmbeddedCassandraCluster embeddedSource;
  private final EmbeddedCassandraCluster embeddedTarget;
  private final InetSocketAddress source;
  private final InetSocketAddress target;
  private final String datacenter;

  private SourceAndTarget(EmbeddedCassandraCluster embeddedSource, EmbeddedCassandraCluster embeddedTarget,
      InetSocketAddress source, InetSocketAddress target, String datacenter) {
    this.embeddedSource = embeddedSource;
    this.embeddedTarget = embeddedTarget;
    this.source = source;
    this.target = target;
    this.datacenter = datacenter;
  }

  /** Real clusters: nothing is started or stopped. */
  public static SourceAndTarget external(InetSocketAddress source, InetSocketAddress target, String datacenter) {
    return new SourceAndTarget(null, null, source, target, datacenter);
  }

  /**
   * Starts two single-node clusters, {@code NAME-source} on {@code sourceAddress} and {@code NAME-target} on
   * {@code targetAddress} (port 9042), with empty data under {@code workDirectory}; returns once both accept
   * CQL. A failure stops both.
   */
  public static SourceAndTarget startEmbedded(String name, String sourceAddress, String targetAddress,
      Path workDirectory, String heap) {
    EmbeddedCassandraCluster source = cluster(name + "-source", sourceAddress, workDirectory, heap);
    EmbeddedCassandraCluster target = cluster(name + "-target", targetAddress, workDirectory, heap);
    ClusterLifecycle.startInParallel(source, target);
    return new SourceAndTarget(source, target, new InetSocketAddress(sourceAddress, NATIVE_PORT),
        new InetSocketAddress(targetAddress, NATIVE_PORT), EmbeddedCassandraCluster.DATACENTER);
  }

  private static EmbeddedCassandraCluster cluster(String name, String address, Path workDirectory, String heap) {
    return EmbeddedCassandraCluster.builder()
        .withClusterName(name)
        .withFirstAddress(address)
        .withNativePort(NATIVE_PORT)
        .withHeap(heap)
        .withWorkDirectory(workDirectory)
        .build();
  }

  /** True when the clusters were started here. */
  public boolean embedded() {
    return embeddedSource != null;
  }

  public InetSocketAddress source() {
    return source;
  }

  public InetSocketAddress target() {
    return target;
  }

  /** The local data center of both clusters. */
  public String datacenter() {
    return datacenter;
  }

  /** Where the embedded nodes write their logs, for messages; empty for real clusters. */
  public String logFiles() {
    return embedded() ? embeddedSource.logFiles() + " " + embeddedTarget.logFiles() : "";
  }

  /** A driver builder with one contact point and the local data center set; anything else is the caller's. */
  public CqlSessionBuilder sessionBuilder(InetSocketAddress contactPoint) {
    return CqlSession.builder().addContactPoint(contactPoint).withLocalDatacenter(datacenter);
  }

  /** Stops the embedded clusters in parallel, each waiting for its node to exit; safe to call more than once. */
  @Override
  public void close() {
    ClusterLifecycle.closeInParallel(embeddedSource, embeddedTarget);
  }
}
