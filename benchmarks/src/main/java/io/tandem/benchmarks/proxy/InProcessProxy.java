package io.tandem.benchmarks.proxy;

import io.tandem.benchmarks.MirrorMeters;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.api.TandemProxy;
import io.tandem.proxy.internal.server.DefaultTandemProxy;
import java.net.InetSocketAddress;
import java.util.Optional;

/** A {@link TandemProxy} started in the harness's JVM, its meters read from its registry. */
final class InProcessProxy implements ProxyUnderTest {

  private final TandemProxy proxy;
  private final MirrorMeters meters;

  private InProcessProxy(TandemProxy proxy, MirrorMeters meters) {
    this.proxy = proxy;
    this.meters = meters;
  }

  /** Starts a proxy; returns once clients can connect. */
  static InProcessProxy start(ProxyConfig config) {
    TandemProxy proxy = TandemProxy.start(config);
    // the public API hands out no registry; the proxy's own tests read it the same way
    if (!(proxy instanceof DefaultTandemProxy running)) {
      proxy.close();
      throw new IllegalStateException("Cannot read the meters of " + proxy.getClass().getName());
    }
    return new InProcessProxy(proxy, new MirrorMeters(running.meterRegistry(), proxy.engine()));
  }

  @Override
  public InetSocketAddress address() {
    return proxy.address();
  }

  @Override
  public MirrorMeters meters() {
    return meters;
  }

  @Override
  public void stopMirroring() {
    proxy.control().stopMirroring();
  }

  @Override
  public String state() {
    return proxy.control().state().toString();
  }

  @Override
  public Optional<ProxyProcess> process() {
    return Optional.empty();
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
