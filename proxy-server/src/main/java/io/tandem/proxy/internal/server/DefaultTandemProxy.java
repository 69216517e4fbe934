package io.tandem.proxy.internal.server;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.metadata.Metadata;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import com.datastax.oss.driver.api.core.session.Session;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.tandem.core.api.mirror.FunctionRewriteCounts;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.api.TandemProxy;
import io.tandem.proxy.internal.admin.AdminServer;
import io.tandem.proxy.internal.admin.FailedWrites;
import io.tandem.proxy.internal.admin.Readiness;
import io.tandem.proxy.internal.backend.BackendConnector;
import io.tandem.proxy.internal.backend.ClusterNodes;
import io.tandem.proxy.internal.client.ProxyContext;
import io.tandem.proxy.internal.client.ProxyMetrics;
import io.tandem.proxy.internal.frame.ProtocolCodecs;
import io.tandem.proxy.internal.session.ClusterSessions;
import io.tandem.proxy.internal.topology.ProxyTopology;
import io.tandem.proxy.internal.topology.SystemTableRewriter;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's lifecycle: its meter registry with the JVM's meters (see {@link ProxyServices}), driver sessions
 * per cluster, the core engine over them, the followed migration if any ({@link ProxyControlPlane}), the Netty server,
 * the admin endpoint; and the reverse at {@link #close()}, after draining in-flight requests (the proxy
 * deregisters from its migration before the engine closes).
 */
public final class DefaultTandemProxy implements TandemProxy {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultTandemProxy.class);

  private final ProxyConfig config;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final ProxyServices services;
  private final PrometheusMeterRegistry registry;
  private final MeterRegistry recording;
  private MirrorEngine engine;
  private ProxyContext context;
  private ProxyServer server;
  private ProxyControlPlane controlPlane;
  private boolean closed;
  private InetSocketAddress address;
  private InetSocketAddress adminAddress;

  private DefaultTandemProxy(ProxyConfig config, ProxyServices services) {
    this.config = config;
    this.services = services;
    this.registry = services.scrapedRegistry();
    this.recording = services.recordingRegistry(registry);
  }

  public static TandemProxy start(ProxyConfig config) {
    return start(config, ProxyServices.DEFAULTS);
  }

  public static TandemProxy start(ProxyConfig config, ProxyServices services) {
    DefaultTandemProxy proxy = new DefaultTandemProxy(config, services);
    try {
      proxy.open();
      return proxy;
    } catch (RuntimeException e) {
      proxy.closeResources();
      throw e;
    }
  }

  private void open() {
    remember(JvmMetrics.bindTo(registry)); // the registry /metrics serves, and the caller's only if it is that one
    SslContext clientTls = config.clientKeystore() == null ? null
        : SecurityContexts.forClients(config.clientKeystore(), config.clientKeystorePassword());
    Map<Side, ClusterSessions> sessions = new EnumMap<>(Side.class);
    for (Side side : Side.values()) {
      sessions.put(side, remember(ClusterSessions.open(endpoint(side), config.requestTimeout(),
          config.maxLoginSessions())));
    }
    engine = remember(engine(sessions));
    if (config.control().migrationId() != null) { // before any client: the proxy serves in the stored phase
      controlPlane = remember(ProxyControlPlane.start(config.control(), controlStoreSession(sessions), engine,
          services, recording, config.listenAddress()));
    }
    ProtocolCodecs codecs = new ProtocolCodecs(PooledByteBufAllocator.DEFAULT);
    Map<Side, BackendConnector> connectors = new EnumMap<>(Side.class);
    Map<Side, ClusterNodes> nodes = new EnumMap<>(Side.class);
    Map<Side, ProtocolVersion> negotiated = new EnumMap<>(Side.class);
    for (Side side : Side.values()) {
      ClusterSessions cluster = sessions.get(side);
      connectors.put(side, connector(endpoint(side), codecs));
      nodes.put(side, new ClusterNodes(cluster::anySession, endpoint(side).contactPoints()));
      cluster.anySession().ifPresent(session -> negotiated.put(side, session.getContext().getProtocolVersion()));
    }
    Set<Integer> protocolVersions = OfferedProtocolVersions.of(config.protocolVersions(), negotiated);
    if (!protocolVersions.equals(config.protocolVersions())) {
      LOG.info("Protocol v5 is not offered to clients (they are negotiated down to v4): the source cluster speaks "
          + "{}, the target {}", OfferedProtocolVersions.spoken(negotiated.get(Side.SOURCE)),
          OfferedProtocolVersions.spoken(negotiated.get(Side.TARGET)));
    }
    context = new ProxyContext(config, protocolVersions, engine, codecs, connectors, nodes, sessions,
        systemTables(sessions.get(Side.SOURCE)), new ProxyMetrics(recording));
    NettyTransport transport = NettyTransport.choose(config.nativeTransport());
    if (config.nativeTransport() && transport == NettyTransport.NIO) {
      LOG.info("Using Java NIO: the native epoll transport is not available here ({})",
          NettyTransport.unavailabilityCause());
    }
    server = new ProxyServer(config.eventLoopThreads(), transport);
    address = server.bind(config.listenAddress(), context, clientTls);
    if (config.adminAddress() != null) {
      AdminServer admin = remember(new AdminServer(config.adminAddress(), registry, engine.control(),
          () -> readiness(sessions), FailedWrites.of(engine), controlPlane == null ? null : controlPlane.followed()));
      admin.start();
      adminAddress = admin.address();
    }
    LOG.info("Tandem proxy listening on {} (source {}, target {}, {} mode, protocol versions {}, {} transport, {} "
        + "event-loop threads)", address, config.source(), config.target(), config.mirror().defaultMode(),
        protocolVersions, transport.name().toLowerCase(java.util.Locale.ROOT), config.eventLoopThreads());
  }

  private ControlStoreSession controlStoreSession(Map<Side, ClusterSessions> sessions) {
    try {
      // both clusters' sessions, one per user each at most, the shared ones and this one
      return ControlStoreSession.choose(config, sessions, services.controlSession(), 2 * config.maxLoginSessions() + 5);
    } catch (RuntimeException e) {
      throw ProxyControlPlane.cannotFollow(config.control(), "the control cluster at "
          + config.controlEndpoint().contactPoints(), e.getMessage(), e);
    }
  }

  private MirrorEngine engine(Map<Side, ClusterSessions> sessions) {
    MirrorEngine.MirrorEngineBuilder builder = MirrorEngine.builder()
        .withSessions(Side.SOURCE, sessions.get(Side.SOURCE)).withSessions(Side.TARGET, sessions.get(Side.TARGET))
        .withConfig(config.mirror()).withMeterRegistry(recording).withClock(services.clock());
    if (services.scheduler() != null) {
      builder.withScheduler(services.scheduler());
    }
    return builder.build();
  }

  /**
   * Ready while accepting clients with a node of the primary up (the secondary only matters for mirroring,
   * and its writes are logged for replay meanwhile).
   */
  private Readiness readiness(Map<Side, ClusterSessions> sessions) {
    Map<String, Object> details = new LinkedHashMap<>();
    Side primary = engine.control().state().primary();
    Object sourceUp = upNodes(sessions.get(Side.SOURCE));
    Object targetUp = upNodes(sessions.get(Side.TARGET));
    details.put("source_nodes_up", sourceUp);
    details.put("target_nodes_up", targetUp);
    details.put("secondary_breaker", engine.breaker(primary.other()).getState().name());
    details.put("failed_writes_pending", engine.failedWrites().pendingCount());
    details.put("secondary_deadline_expiries", engine.health().deadlineExpiries());
    details.put("intents_pending", engine.health().intentsPending());
    details.put("client_connections", context.metrics().openConnections());
    FunctionRewriteCounts rewrites = engine.functionRewrites();
    details.put("function_rewrites",
        Map.of("rewritten", rewrites.rewritten(), "not_rewritable", rewrites.notRewritable()));
    details.put("state", engine.control().state().toString());
    if (controlPlane != null) {
      details.put("control", controlPlane.readinessDetails());
    }
    boolean draining = context.isDraining();
    details.put("draining", draining);
    Object primaryUp = primary == Side.SOURCE ? sourceUp : targetUp;
    // before the first login a cluster mirrored with clients' credentials is unknown: refusing clients would
    // keep it unknown, so it counts as up
    boolean primaryAvailable = !(primaryUp instanceof Long count) || count > 0;
    return primaryAvailable && !draining ? Readiness.ready(details) : Readiness.notReady(details);
  }

  /** The number of nodes up, or "unknown" while no session to the cluster is open. */
  private static Object upNodes(ClusterSessions cluster) {
    return cluster.anySession().<Object>map(session -> session.getMetadata().getNodes().values().stream()
        .filter(node -> node.getState() == NodeState.UP).count()).orElse("unknown");
  }



  /**
   * Clients see the source's cluster name and data center even when the target answers; read from the source's
   * session now if there is one (a proxy restarted after reads moved to the target), else learned from the
   * source's first answer.
   */
  private SystemTableRewriter systemTables(ClusterSessions source) {
    Optional<Metadata> metadata = source.anySession().map(Session::getMetadata);
    String clusterName = metadata.flatMap(Metadata::getClusterName).orElse(null);
    String dataCenter = config.source().localDatacenter() != null ? config.source().localDatacenter()
        : metadata.map(DefaultTandemProxy::onlyDataCenter).orElse(null);
    return new SystemTableRewriter(new ProxyTopology(resolved(config.topologyAddresses())), clusterName, dataCenter);
  }

  private static String onlyDataCenter(Metadata metadata) {
    Set<String> dataCenters = metadata.getNodes().values().stream().map(Node::getDatacenter)
        .filter(Objects::nonNull).collect(Collectors.toSet());
    return dataCenters.size() == 1 ? dataCenters.iterator().next() : null;
  }

  /** Host names given on the command line are resolved once, at start (the topology needs IP addresses). */
  private static List<InetSocketAddress> resolved(List<InetSocketAddress> addresses) {
    return addresses.stream().map(address -> address.isUnresolved()
        ? new InetSocketAddress(address.getHostString(), address.getPort()) : address).toList();
  }

  private ClusterEndpoint endpoint(Side side) {
    return side == Side.SOURCE ? config.source() : config.target();
  }

  private BackendConnector connector(ClusterEndpoint endpoint, ProtocolCodecs codecs) {
    return new BackendConnector(endpoint.name(), SecurityContexts.forCluster(endpoint), endpoint.verifyHostname(),
        config.connectTimeout(), config.requestTimeout(), config.heartbeatInterval(), config.maxFrameBytes(),
        config.maxStreamIdsPerConnection(), codecs);
  }

  private <T extends AutoCloseable> T remember(T resource) {
    resources.add(0, resource);
    return resource;
  }

  @Override
  public InetSocketAddress address() {
    return address;
  }

  @Override
  public InetSocketAddress adminAddress() {
    return adminAddress;
  }

  @Override
  public MigrationControl control() {
    return engine.control();
  }

  @Override
  public MirrorEngine engine() {
    return engine;
  }

  /** The registry behind {@code /metrics}: the proxy's, engine's and JVM's meters. */
  public PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  /** Drains and stops; closing again does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server != null) {
      context.startDraining();
      server.stopAccepting();
      long deadline = System.nanoTime() + config.shutdownGracePeriod().toNanos();
      while (context.inFlight() > 0 && System.nanoTime() < deadline) {
        sleep();
      }
      if (context.inFlight() > 0) {
        LOG.warn("Closing with {} requests still in flight after {}", context.inFlight(), config.shutdownGracePeriod());
      }
      server.close();
    }
    closeResources();
    LOG.info("Tandem proxy on {} stopped", address);
  }

  private void closeResources() {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed: {}", resource, e.toString());
      }
    }
    resources.clear();
  }

  private static void sleep() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
