package io.tandem.examples.copycli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.tandem.testkit.ClusterLifecycle;
import io.tandem.testkit.EmbeddedCassandraCluster;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The source and target clusters: two single-node Cassandra clusters started in parallel by the testkit (source
 * on 127.0.0.27, target on 127.0.0.28, away from the addresses Tandem's tests and the other examples use), or
 * two real clusters given on the command line. Closing stops what was started here, and nothing else.
 */
final class ExampleClusters implements AutoCloseable {

  static final String SOURCE_ADDRESS = "127.0.0.27";
  static final String TARGET_ADDRESS = "127.0.0.28";
  private static final int NATIVE_PORT = 9042;

  private final EmbeddedCassandraCluster embeddedSource;
  private final EmbeddedCassandraCluster embeddedTarget;
  private final InetSocketAddress source;
  private final InetSocketAddress target;
  private final String datacenter;

  private ExampleClusters(EmbeddedCassandraCluster embeddedSource, EmbeddedCassandraCluster embeddedTarget,
      InetSocketAddress source, InetSocketAddress target, String datacenter) {
    this.embeddedSource = embeddedSource;
    this.embeddedTarget = embeddedTarget;
    this.source = source;
    this.target = target;
    this.datacenter = datacenter;
  }

  /** Real clusters: nothing is started or stopped. */
  static ExampleClusters external(InetSocketAddress source, InetSocketAddress target, String datacenter) {
    return new ExampleClusters(null, null, source, target, datacenter);
  }

  /**
   * Starts both embedded clusters with empty data under {@code workDirectory}; returns once both accept CQL.
   * A failure stops whichever started.
   */
  static ExampleClusters startEmbedded(Path workDirectory, String heap) {
    EmbeddedCassandraCluster source = cluster("copy-cli-source", SOURCE_ADDRESS, workDirectory, heap);
    EmbeddedCassandraCluster target = cluster("copy-cli-target", TARGET_ADDRESS, workDirectory, heap);
    ExampleClusters clusters = new ExampleClusters(source, target,
        new InetSocketAddress(SOURCE_ADDRESS, NATIVE_PORT), new InetSocketAddress(TARGET_ADDRESS, NATIVE_PORT),
        EmbeddedCassandraCluster.DATACENTER);
    ClusterLifecycle.startInParallel(source, target);
    return clusters;
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

  boolean embedded() {
    return embeddedSource != null;
  }

  /** {@code host:port} of the source, as the command line takes it. */
  String sourceContactPoint() {
    return source.getHostString() + ":" + source.getPort();
  }

  /** {@code host:port} of the target, as the command line takes it. */
  String targetContactPoint() {
    return target.getHostString() + ":" + target.getPort();
  }

  String datacenter() {
    return datacenter;
  }

  /** Where the embedded nodes write their logs, for messages; empty for real clusters. */
  String logFiles() {
    return embedded() ? embeddedSource.logFiles() + " " + embeddedTarget.logFiles() : "";
  }

  /** A session to the source, for the example's own setup (schema, history). */
  CqlSession openSource() {
    return builder(source).build();
  }

  /** A session to the target, for the example's own setup (schema). */
  CqlSession openTarget() {
    return builder(target).build();
  }

  private CqlSessionBuilder builder(InetSocketAddress contactPoint) {
    // the first schema change on a freshly started node can take seconds on a busy machine
    return CqlSession.builder().addContactPoint(contactPoint).withLocalDatacenter(datacenter)
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(20))
            .build());
  }

  /** Stops the embedded clusters (each waits for its node to exit); safe to call more than once. */
  @Override
  public void close() {
    ClusterLifecycle.closeInParallel(embeddedSource, embeddedTarget);
  }
}
