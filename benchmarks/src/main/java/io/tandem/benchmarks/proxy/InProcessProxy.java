package io.tandem.benchmarks.proxy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tandem.benchmarks.MirrorMeters;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.api.TandemProxy;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A {@link TandemProxy} started in the harness's JVM, its meters read from the registry it is given: a
 * Prometheus one, which the proxy records into directly, as it does into its own.
 */
final class InProcessProxy implements ProxyUnderTest {

  private final TandemProxy proxy;
  private final MirrorMeters meters;

  private InProcessProxy(TandemProxy proxy, MirrorMeters meters) {
    this.proxy = proxy;
    this.meters = meters;
  }

  /** Starts a proxy; returns once clients can connect. */
  static InProcessProxy start(ProxyConfig config) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TandemProxy proxy = TandemProxy.builder(config).withMeterRegistry(registry).start();
    return new InProcessProxy(proxy, new MirrorMeters(registry, proxy.engine()));
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
