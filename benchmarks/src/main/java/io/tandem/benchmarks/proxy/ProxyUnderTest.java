package io.tandem.benchmarks.proxy;

import io.tandem.benchmarks.MirrorMeters;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.api.TandemProxy;
import io.tandem.proxy.internal.server.DefaultTandemProxy;
import java.net.InetSocketAddress;

/**
 * A {@link TandemProxy} started in this JVM for one scenario, with the {@link MirrorMeters} of its engine.
 * Closing it stops the proxy.
 */
public final class ProxyUnderTest implements AutoCloseable {

  private final TandemProxy proxy;
  private final MirrorMeters meters;

  private ProxyUnderTest(TandemProxy proxy, MirrorMeters meters) {
    this.proxy = proxy;
    this.meters = meters;
  }

  /** Starts a proxy; returns once clients can connect. */
  public static ProxyUnderTest start(ProxyConfig config) {
    TandemProxy proxy = TandemProxy.start(config);
    // the public API hands out no registry; the proxy's own tests read it the same way
    if (!(proxy instanceof DefaultTandemProxy running)) {
      proxy.close();
      throw new IllegalStateException("Cannot read the meters of " + proxy.getClass().getName());
    }
    return new ProxyUnderTest(proxy, new MirrorMeters(running.meterRegistry(), proxy.engine()));
  }

  public TandemProxy proxy() {
    return proxy;
  }

  public MirrorMeters meters() {
    return meters;
  }

  /** Where clients connect. */
  public InetSocketAddress address() {
    return proxy.address();
  }

  @Override
  public void close() {
    proxy.close();
  }

  @Override
  public String toString() {
    return "proxy on " + proxy.address();
  }
}
