package io.tandem.examples.demo;

import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import io.tandem.testkit.SourceAndTarget;
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

  private final SourceAndTarget clusters;

  private DemoClusters(SourceAndTarget clusters) {
    this.clusters = clusters;
  }

  /** Real clusters: nothing is started or stopped. */
  static DemoClusters external(InetSocketAddress source, InetSocketAddress target, String datacenter) {
    return new DemoClusters(SourceAndTarget.external(source, target, datacenter));
  }

  /** Starts both embedded clusters with empty data under {@code workDirectory}; returns once both accept CQL. */
  static DemoClusters startEmbedded(Path workDirectory, String heap) {
    return new DemoClusters(SourceAndTarget.startEmbedded("demo", SOURCE_ADDRESS, TARGET_ADDRESS, workDirectory,
        heap));
  }

  boolean embedded() {
    return clusters.embedded();
  }

  InetSocketAddress sourceAddress() {
    return clusters.source();
  }

  InetSocketAddress targetAddress() {
    return clusters.target();
  }

  String datacenter() {
    return clusters.datacenter();
  }

  /** Where the embedded nodes write their logs, for messages; empty for real clusters. */
  String logFiles() {
    return clusters.logFiles();
  }

  CqlSessionBuilder sourceSessionBuilder() {
    return clusters.sessionBuilder(clusters.source());
  }

  CqlSessionBuilder targetSessionBuilder() {
    return clusters.sessionBuilder(clusters.target());
  }

  @Override
  public void close() {
    clusters.close();
  }
}
