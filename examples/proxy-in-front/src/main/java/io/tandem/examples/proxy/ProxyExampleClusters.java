package io.tandem.examples.proxy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.tandem.testkit.SourceAndTarget;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The source and target clusters: two single-node Cassandra clusters started in parallel by the testkit
 * (source on 127.0.0.23, target on 127.0.0.24, port 9042, away from the addresses Tandem's tests and the other
 * examples use), or two real clusters named on the command line. Closing stops what was started here, and
 * nothing else.
 */
final class ProxyExampleClusters implements AutoCloseable {

  /** The embedded source cluster's address. */
  static final String SOURCE_ADDRESS = "127.0.0.23";
  /** The embedded target cluster's address. */
  static final String TARGET_ADDRESS = "127.0.0.24";

  private final SourceAndTarget clusters;

  private ProxyExampleClusters(SourceAndTarget clusters) {
    this.clusters = clusters;
  }

  /** Real clusters: nothing is started or stopped. */
  static ProxyExampleClusters external(InetSocketAddress source, InetSocketAddress target, String datacenter) {
    return new ProxyExampleClusters(SourceAndTarget.external(source, target, datacenter));
  }

  /** Starts both embedded clusters with empty data under {@code workDirectory}; returns once both accept CQL. */
  static ProxyExampleClusters startEmbedded(Path workDirectory, String heap) {
    return new ProxyExampleClusters(SourceAndTarget.startEmbedded("proxy-example", SOURCE_ADDRESS, TARGET_ADDRESS,
        workDirectory, heap));
  }

  boolean embedded() {
    return clusters.embedded();
  }

  InetSocketAddress source() {
    return clusters.source();
  }

  InetSocketAddress target() {
    return clusters.target();
  }

  /** The local data center of both clusters (the proxy answers with the read side's). */
  String datacenter() {
    return clusters.datacenter();
  }

  /** A session to the source only, bypassing the proxy: the example's schema and its proof. */
  CqlSession connectToSource() {
    return connect(clusters.source(), "source");
  }

  /** A session to the target only, bypassing the proxy. */
  CqlSession connectToTarget() {
    return connect(clusters.target(), "target");
  }

  /**
   * A plain driver session with one contact point and this example's settings: a 10 s request timeout, since
   * the first schema change on a fresh node can take seconds.
   */
  CqlSessionBuilder sessionBuilder(InetSocketAddress contactPoint) {
    return clusters.sessionBuilder(contactPoint)
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
            .build());
  }

  private CqlSession connect(InetSocketAddress contactPoint, String name) {
    try {
      return sessionBuilder(contactPoint).build();
    } catch (RuntimeException e) {
      throw new IllegalStateException("could not connect to the " + name + " cluster at "
          + HostAndPort.format(contactPoint) + " (local data center " + datacenter() + "): " + e.getMessage(), e);
    }
  }

  /** Stops the embedded clusters in parallel and waits for their nodes to exit; safe to call more than once. */
  @Override
  public void close() {
    clusters.close();
  }
}
