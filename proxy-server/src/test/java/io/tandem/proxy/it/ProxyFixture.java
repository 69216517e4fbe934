package io.tandem.proxy.it;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.testing.QuickMirrorConfig;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.api.TandemProxy;
import io.tandem.proxy.api.TandemProxyBuilder;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.EmbeddedCassandraCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A proxy in front of the test clusters, and driver sessions that connect through it. */
public final class ProxyFixture implements AutoCloseable {

  private final TandemProxy proxy;
  private final MeterRegistry meters;

  private ProxyFixture(TandemProxy proxy, MeterRegistry meters) {
    this.proxy = proxy;
    this.meters = meters;
  }

  /**
   * A proxy on a free port of 127.0.0.1 in the given mode, with quick breaker and replay settings and its
   * failed-write log in a new temporary folder.
   */
  public static ProxyFixture start(ClusterPair clusters, MirrorMode mode) {
    return start(clusters, mode, UnaryOperator.identity());
  }

  public static ProxyFixture start(ClusterPair clusters, MirrorMode mode, UnaryOperator<ProxyConfig.Builder> custom) {
    return start(clusters, mode, custom, UnaryOperator.identity());
  }

  /** As above, with what the proxy is given from outside besides the meter registry (e.g. a control session). */
  public static ProxyFixture start(ClusterPair clusters, MirrorMode mode, UnaryOperator<ProxyConfig.Builder> custom,
      UnaryOperator<TandemProxyBuilder> given) {
    ProxyConfig.Builder config = ProxyConfig.builder(endpoint("source", clusters.source()),
            endpoint("target", clusters.target()))
        .listenAddress(new InetSocketAddress("127.0.0.1", 0))
        .adminAddress(null)
        .eventLoopThreads(2)
        .mirror(quickMirror(mode).build());
    MeterRegistry meters = new SimpleMeterRegistry();
    return new ProxyFixture(given.apply(TandemProxy.builder(custom.apply(config).build()).withMeterRegistry(meters))
        .start(), meters);
  }

  /** The mirror settings {@link #start} uses: quick breaker and replay, the log in a new temporary folder. */
  public static MirrorConfig.Builder quickMirror(MirrorMode mode) {
    return QuickMirrorConfig.builder(temporaryFolder()).defaultMode(mode);
  }

  static ClusterEndpoint endpoint(String name, EmbeddedCassandraCluster cluster) {
    return ClusterEndpoint.plain(name, cluster.contactPoints().get(0));
  }

  public TandemProxy proxy() {
    return proxy;
  }

  /** The registry the proxy was given: its {@code tandem.proxy.*} and its engine's meters. */
  public MeterRegistry meters() {
    return meters;
  }

  /** A driver session whose only contact point is the proxy; the caller closes it. */
  public CqlSession clientSession() {
    return clientSession(UnaryOperator.identity());
  }

  /** As {@link #clientSession()}, with more driver settings, e.g. {@code advanced.protocol.compression}. */
  public CqlSession clientSession(UnaryOperator<ProgrammaticDriverConfigLoaderBuilder> settings) {
    return CqlSession.builder()
        .addContactPoint(proxy.address())
        .withLocalDatacenter(EmbeddedCassandraCluster.DATACENTER)
        .withConfigLoader(settings.apply(DriverConfigLoader.programmaticBuilder()
            .withString(DefaultDriverOption.SESSION_NAME, "through-proxy")
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(15)))
            .build())
        .build();
  }

  @Override
  public void close() {
    proxy.close();
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("tandem-proxy-failed-writes");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
