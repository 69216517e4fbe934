package io.tandem.examples.proxy;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * One run's settings, from {@link ProxyInFrontExample}'s command line.
 *
 * @param source the real source cluster, or {@code null} to start embedded clusters
 * @param target the real target cluster, or {@code null} with embedded clusters
 * @param datacenter the local data center of both clusters
 * @param proxy where the proxy listens for clients
 * @param admin where the proxy's metrics and admin endpoint listens
 * @param keyspace the keyspace the example creates or reuses
 * @param items rows the application writes
 * @param heap heap of each embedded Cassandra node
 * @param workDirectory data and logs of the embedded clusters
 * @param failedWriteLog the proxy's failed-write log folder
 */
record ProxyExampleSettings(InetSocketAddress source, InetSocketAddress target, String datacenter,
    InetSocketAddress proxy, InetSocketAddress admin, String keyspace, int items, String heap, Path workDirectory,
    Path failedWriteLog) {

  /** True when the example starts its own clusters. */
  boolean embedded() {
    return source == null;
  }
}
