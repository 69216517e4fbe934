package io.tandem.proxy.api;

import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.proxy.internal.server.DefaultTandemProxy;
import java.net.InetSocketAddress;

/**
 * A running CQL proxy: clients connect to {@link #address()} with any CQL driver; reads go to the read side,
 * writes to both clusters through the core {@link MirrorEngine}. Routing changes at runtime through {@link
 * #control()} (or the admin endpoint).
 *
 * <pre>{@code
 * try (TandemProxy proxy = TandemProxy.start(ProxyConfig.builder(source, target).build())) {
 *   proxy.control().routeReadsTo(Side.TARGET);
 * }
 * }</pre>
 */
public interface TandemProxy extends AutoCloseable {

  /**
   * Connects to both clusters, binds the listen address and returns once clients can connect. The same as
   * {@code builder(config).start()}: the proxy's meters in a Prometheus registry of its own (served at
   * {@code /metrics}), the system UTC clock, and a scheduler its engine owns.
   */
  static TandemProxy start(ProxyConfig config) {
    return DefaultTandemProxy.start(config);
  }

  /** A proxy given a meter registry, a clock or a scheduler of the caller's; see {@link TandemProxyBuilder}. */
  static TandemProxyBuilder builder(ProxyConfig config) {
    return new TandemProxyBuilder(config);
  }

  /** The address clients connect to (with the real port when port 0 was asked for). */
  InetSocketAddress address();

  /** The address of the metrics, health and admin endpoint, or {@code null} when it is off. */
  InetSocketAddress adminAddress();

  MigrationControl control();

  MirrorEngine engine();

  /**
   * Stops accepting connections, answers new requests with OVERLOADED, waits up to the grace period for
   * in-flight requests, then closes everything (the failed-write log included).
   */
  @Override
  void close();
}
