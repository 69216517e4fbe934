package io.tandem.examples.copycli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.tandem.testkit.SourceAndTarget;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The source and target clusters: two single-node Cassandra clusters started in parallel by the testkit (source
 * on 127.0.0.27, target on 127.0.0.28, away from the addresses Tandem's tests and the other examples use), or
 * two real clusters given on the command line. Closing stops what was started here, and nothing else.
 */
final class CopyExampleClusters implements AutoCloseable {

  static final String SOURCE_ADDRESS = "127.0.0.27";
  static final String TARGET_ADDRESS = "127.0.0.28";
  private final SourceAndTarget clusters;

  private CopyExampleClusters(SourceAndTarget clusters) {
    this.clusters = clusters;
  }

  /** Real clusters: nothing is started or stopped. */
  static CopyExampleClusters external(InetSocketAddress source, InetSocketAddress target, String datacenter) {
    return new CopyExampleClusters(SourceAndTarget.external(source, target, datacenter));
  }

  /** Starts both embedded clusters with empty data under {@code workDirectory}; returns once both accept CQL. */
  static CopyExampleClusters startEmbedded(Path workDirectory, String heap) {
    return new CopyExampleClusters(SourceAndTarget.startEmbedded("copy-cli", SOURCE_ADDRESS, TARGET_ADDRESS,
        workDirectory, heap));
  }

  boolean embedded() {
    return clusters.embedded();
  }

  /** {@code host:port} of the source, as the command line takes it. */
  String sourceContactPoint() {
    return clusters.source().getHostString() + ":" + clusters.source().getPort();
  }

  /** {@code host:port} of the target, as the command line takes it. */
  String targetContactPoint() {
    return clusters.target().getHostString() + ":" + clusters.target().getPort();
  }

  String datacenter() {
    return clusters.datacenter();
  }

  /** Where the embedded nodes write their logs, for messages; empty for real clusters. */
  String logFiles() {
    return clusters.logFiles();
  }

  /** A session to the source, for the example's own setup (schema, history). */
  CqlSession openSource() {
    return builder(clusters.source()).build();
  }

  /** A session to the target, for the example's own setup (schema). */
  CqlSession openTarget() {
    return builder(clusters.target()).build();
  }

  private CqlSessionBuilder builder(InetSocketAddress contactPoint) {
    // the first schema change on a freshly started node can take seconds on a busy machine
    return clusters.sessionBuilder(contactPoint)
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(20))
            .build());
  }

  @Override
  public void close() {
    clusters.close();
  }
}
