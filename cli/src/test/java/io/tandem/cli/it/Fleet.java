package io.tandem.cli.it;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.MigrationFollower;
import io.tandem.core.api.control.MigrationState;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.testing.QuickMirrorConfig;
import io.tandem.driver.api.DualWriteCqlSession;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.api.TandemProxy;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.EmbeddedCassandraCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fleet following one migration: proxies and {@code DualWriteCqlSession}s over the test clusters, their control
 * store on a session of the caller's (a third cluster), and one application client per instance (a driver session
 * through each proxy, each {@code DualWriteCqlSession} itself). Instances can be restarted one at a time.
 */
final class Fleet implements AutoCloseable {

  private final ClusterPair clusters;
  private final CqlSession controlSession;
  private final ControlConfig control;
  private final Path logRoot;
  private final List<TandemProxy> proxies = new ArrayList<>();
  private final List<MeterRegistry> proxyMeters = new ArrayList<>();
  private final List<CqlSession> proxyClients = new ArrayList<>();
  private final List<DualWriteCqlSession> sessions = new ArrayList<>();

  private Fleet(ClusterPair clusters, CqlSession controlSession, ControlConfig control, Path logRoot) {
    this.clusters = clusters;
    this.controlSession = controlSession;
    this.control = control;
    this.logRoot = logRoot;
  }

  /** {@code proxyCount} proxies and {@code sessionCount} sessions, each in the migration's stored phase. */
  static Fleet start(ClusterPair clusters, CqlSession controlSession, ControlConfig control, int proxyCount,
      int sessionCount) {
    Fleet fleet = new Fleet(clusters, controlSession, control, temporaryFolder());
    for (int i = 0; i < proxyCount; i++) {
      fleet.proxies.add(fleet.startProxy(i));
      fleet.proxyClients.add(clientOf(fleet.proxies.get(i)));
    }
    for (int i = 0; i < sessionCount; i++) {
      fleet.sessions.add(fleet.startSession(i));
    }
    return fleet;
  }

  /** The application's view of each instance: a session through each proxy, then each dual-write session. */
  List<CqlSession> clients() {
    List<CqlSession> clients = new ArrayList<>(proxyClients);
    clients.addAll(sessions);
    return clients;
  }

  /** Every instance's migration state, proxies first. */
  List<MigrationState> states() {
    List<MigrationState> states = new ArrayList<>();
    proxies.forEach(proxy -> states.add(proxy.control().state()));
    sessions.forEach(session -> states.add(session.migration().state()));
    return states;
  }

  int size() {
    return proxies.size() + sessions.size();
  }

  /** Stops proxy {@code i} and starts it again on the same address; its clients reconnect. */
  MigrationState restartProxy(int i) {
    InetSocketAddress address = proxies.get(i).address();
    proxies.get(i).close();
    TandemProxy restarted = startProxy(i, address);
    proxies.set(i, restarted);
    return restarted.control().state();
  }

  /**
   * Closes dual-write session {@code i} and builds it again: the application instance restarted. The new session
   * is the client from now on.
   */
  MigrationState restartSession(int i) {
    sessions.get(i).close();
    sessions.set(i, startSession(i));
    return sessions.get(i).migration().state();
  }

  /** Instances whose follower could not read the store at its last poll. */
  int staleInstances() {
    int stale = 0;
    for (MeterRegistry meters : proxyMeters) {
      Gauge gauge = meters.find("tandem.control.stale").gauge();
      stale += gauge != null && gauge.value() == 1 ? 1 : 0;
    }
    for (DualWriteCqlSession session : sessions) {
      stale += session.migrationFollower().map(MigrationFollower::stale).orElse(false) ? 1 : 0;
    }
    return stale;
  }

  /** Pending failed writes over the whole fleet. */
  long failedWritesPending() {
    long pending = 0;
    for (TandemProxy proxy : proxies) {
      pending += proxy.engine().failedWrites().pendingCount();
    }
    for (DualWriteCqlSession session : sessions) {
      pending += session.engine().failedWrites().pendingCount();
    }
    return pending;
  }

  private TandemProxy startProxy(int i) {
    return startProxy(i, new InetSocketAddress("127.0.0.1", 0));
  }

  private TandemProxy startProxy(int i, InetSocketAddress listen) {
    MeterRegistry meters = new SimpleMeterRegistry();
    if (proxyMeters.size() > i) {
      proxyMeters.set(i, meters);
    } else {
      proxyMeters.add(meters);
    }
    ProxyConfig config = ProxyConfig.builder(endpoint("source", clusters.source()), endpoint("target", clusters.target()))
        .listenAddress(listen)
        .adminAddress(null)
        .eventLoopThreads(1)
        .mirror(QuickMirrorConfig.builder(logRoot.resolve("proxy-" + i)).defaultMode(MirrorMode.SYNC).build())
        .control(control)
        .build();
    return TandemProxy.builder(config).withControlSession(controlSession).withMeterRegistry(meters).start();
  }

  private DualWriteCqlSession startSession(int i) {
    return DualWriteCqlSession.builder()
        .withSource(clusters.source().testSessionBuilder(Duration.ofSeconds(10)))
        .withTarget(clusters.target().testSessionBuilder(Duration.ofSeconds(10)))
        .withMirrorConfig(QuickMirrorConfig.builder(logRoot.resolve("session-" + i)).defaultMode(MirrorMode.SYNC)
            .build())
        .withConfig(ConfigFactory.parseMap(Map.of("tandem.control.poll-interval", control.pollInterval().toMillis() + "ms"))
            .withFallback(ConfigFactory.load()))
        .withMigration(control.migrationId())
        .withControlSession(controlSession)
        .withMeterRegistry(new SimpleMeterRegistry())
        .build();
  }

  private static CqlSession clientOf(TandemProxy proxy) {
    return CqlSession.builder()
        .addContactPoint(proxy.address())
        .withLocalDatacenter(EmbeddedCassandraCluster.DATACENTER)
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withString(DefaultDriverOption.SESSION_NAME, "fleet-client")
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(100))
            .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofMillis(500))
            .build())
        .build();
  }

  private static ClusterEndpoint endpoint(String name, EmbeddedCassandraCluster cluster) {
    return ClusterEndpoint.plain(name, cluster.contactPoints().get(0));
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("tandem-fleet");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    proxyClients.forEach(CqlSession::close);
    sessions.forEach(DualWriteCqlSession::close);
    proxies.forEach(TandemProxy::close);
  }
}
