package io.tandem.proxy.internal.client;

import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.internal.backend.BackendConnector;
import io.tandem.proxy.internal.backend.BackendHandshake;
import io.tandem.proxy.internal.backend.ClusterNodes;
import io.tandem.proxy.internal.frame.ProtocolCodecs;
import io.tandem.proxy.internal.session.ClientCredentials;
import io.tandem.proxy.internal.session.ClusterSessions;
import io.tandem.proxy.internal.topology.SystemTableRewriter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every client connection of one proxy shares: the configuration, the protocol versions offered, the core
 * engine, codecs, the way to each cluster, prepared statements, the topology rewriter, metrics, and the drain
 * flag set at shutdown.
 */
public final class ProxyContext {

  private final ProxyConfig config;
  private final TreeSet<Integer> protocolVersions;
  private final boolean[] offered;
  private final MirrorEngine engine;
  private final ProtocolCodecs codecs;
  private final Map<Side, BackendConnector> connectors;
  private final Map<Side, ClusterNodes> nodes;
  private final Map<Side, ClusterSessions> sessions;
  private final BackendHandshake handshake;
  private final PreparedStatements prepared;
  private final SystemTableRewriter topology;
  private final ProxyMetrics metrics;
  private final AtomicBoolean draining = new AtomicBoolean();

  /**
   * @param protocolVersions the versions clients are offered: the configured ones both clusters speak
   * @param sessions the proxy's driver sessions per cluster, told about each client login the primary accepts
   */
  public ProxyContext(ProxyConfig config, Set<Integer> protocolVersions, MirrorEngine engine, ProtocolCodecs codecs,
      Map<Side, BackendConnector> connectors, Map<Side, ClusterNodes> nodes, Map<Side, ClusterSessions> sessions,
      SystemTableRewriter topology, ProxyMetrics metrics) {
    this.config = config;
    this.protocolVersions = new TreeSet<>(protocolVersions);
    this.offered = new boolean[this.protocolVersions.isEmpty() ? 0 : this.protocolVersions.last() + 1];
    this.protocolVersions.forEach(version -> offered[version] = true);
    this.engine = engine;
    this.codecs = codecs;
    this.connectors = new EnumMap<>(connectors);
    this.nodes = new EnumMap<>(nodes);
    this.sessions = new EnumMap<>(sessions);
    this.handshake = new BackendHandshake(codecs);
    this.prepared = new PreparedStatements(config.preparedCacheSize());
    this.topology = topology;
    this.metrics = metrics;
  }

  public ProxyConfig config() {
    return config;
  }

  /** The protocol versions clients are offered, in order. */
  public Set<Integer> protocolVersions() {
    return Collections.unmodifiableSet(protocolVersions);
  }

  /** Whether clients are offered {@code version}; per frame, so without a set view or boxing. */
  public boolean offers(int version) {
    return version >= 0 && version < offered.length && offered[version];
  }

  /** The highest version clients are offered: what a client asking for a higher one is negotiated down to. */
  public int maxProtocolVersion() {
    return protocolVersions.last();
  }

  public MirrorEngine engine() {
    return engine;
  }

  public ProtocolCodecs codecs() {
    return codecs;
  }

  BackendConnector connector(Side side) {
    return connectors.get(side);
  }

  ClusterNodes nodes(Side side) {
    return nodes.get(side);
  }

  ClusterEndpoint endpoint(Side side) {
    return side == Side.SOURCE ? config.source() : config.target();
  }

  /** A client's login was accepted by the primary: clusters mirrored with clients' credentials open a session. */
  void loggedIn(ClientCredentials credentials) {
    sessions.values().forEach(cluster -> cluster.loggedIn(credentials));
  }

  BackendHandshake handshake() {
    return handshake;
  }

  PreparedStatements prepared() {
    return prepared;
  }

  SystemTableRewriter topology() {
    return topology;
  }

  public ProxyMetrics metrics() {
    return metrics;
  }

  /** From now on new requests are refused with OVERLOADED. */
  public void startDraining() {
    draining.set(true);
  }

  public boolean isDraining() {
    return draining.get();
  }

  /** Requests received from clients and not answered yet. */
  public int inFlight() {
    return metrics.inFlight();
  }

  void requestStarted() {
    metrics.requestStarted();
  }

  void requestFinished() {
    metrics.requestFinished();
  }
}
