package io.tandem.proxy.api;

import static io.tandem.proxy.api.ProxyOption.ADMIN_ADDRESS;
import static io.tandem.proxy.api.ProxyOption.ADMIN_ENABLED;
import static io.tandem.proxy.api.ProxyOption.ADMIN_PORT;
import static io.tandem.proxy.api.ProxyOption.COMPRESSION;
import static io.tandem.proxy.api.ProxyOption.CONNECT_TIMEOUT;
import static io.tandem.proxy.api.ProxyOption.CQL_VERSION;
import static io.tandem.proxy.api.ProxyOption.EVENT_LOOP_THREADS;
import static io.tandem.proxy.api.ProxyOption.HEARTBEAT_INTERVAL;
import static io.tandem.proxy.api.ProxyOption.LISTEN_ADDRESS;
import static io.tandem.proxy.api.ProxyOption.MAX_FRAME_SIZE;
import static io.tandem.proxy.api.ProxyOption.MAX_LOGIN_SESSIONS;
import static io.tandem.proxy.api.ProxyOption.MAX_STREAM_IDS_PER_CONNECTION;
import static io.tandem.proxy.api.ProxyOption.NATIVE_TRANSPORT;
import static io.tandem.proxy.api.ProxyOption.PORT;
import static io.tandem.proxy.api.ProxyOption.PREPARED_CACHE_SIZE;
import static io.tandem.proxy.api.ProxyOption.PROTOCOL_VERSIONS;
import static io.tandem.proxy.api.ProxyOption.REQUEST_TIMEOUT;
import static io.tandem.proxy.api.ProxyOption.SHUTDOWN_GRACE_PERIOD;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.tandem.core.api.config.TandemOption;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.mirror.BackpressurePolicy;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.proxy.internal.config.ProxyConfigReader;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a {@link TandemProxy} needs. Built with {@link #builder(ClusterEndpoint, ClusterEndpoint)}, which
 * checks each value when it is set, or read from a HOCON config with {@link #from(Config)}; the Javadoc of each
 * builder method gives its default, and {@link ProxyOption} lists the settings. Immutable.
 */
public final class ProxyConfig {

  /**
   * Where the proxy's mirror defaults differ from core's: when too many copies are in flight, a write goes
   * to the failed-write log at once ({@code LOG_FOR_REPLAY}) instead of waiting for a slot, because waiting
   * would block a Netty I/O thread and every client connection on it.
   */
  public static final Config MIRROR_DEFAULTS = ConfigFactory.parseString(
      "tandem.mirror.backpressure.policy = LOG_FOR_REPLAY", ConfigParseOptions.defaults()
          .setOriginDescription("Tandem proxy defaults"));

  private final Builder values;

  private ProxyConfig(Builder builder) {
    this.values = builder.copy();
  }

  public static Builder builder(ClusterEndpoint source, ClusterEndpoint target) {
    return new Builder(source, target);
  }

  /**
   * Reads the {@code tandem.proxy} section of a HOCON config (both clusters under {@code tandem.proxy.source}
   * and {@code tandem.proxy.target}, and the proxy's own settings), the {@code tandem.mirror} section and the
   * {@code tandem.control} section, as the
   * {@code tandem-proxy} command line reads its {@code --config} file. Anything missing comes from {@link
   * #MIRROR_DEFAULTS} and the {@code reference.conf} files (the proxy's and core's), so a config giving only
   * both clusters' {@code contact-points} yields {@link #builder}'s defaults. {@code tandem.proxy.read-side} is
   * checked for a typo but otherwise ignored: it is not part of a {@code ProxyConfig}; route reads with {@code
   * proxy.control().routeReadsTo(side)} once the proxy runs. Keystores and truststores named are opened now.
   *
   * @throws IllegalArgumentException a wrong value, an unknown {@code tandem.proxy} key or a missing contact
   *     point: one line naming the setting's path (e.g. {@code tandem.proxy.port}) and saying what to do
   */
  public static ProxyConfig from(Config config) {
    Config resolved = ProxyConfigReader.withDefaults(config);
    ProxyConfig proxy = ProxyConfigReader.read(resolved, ProxyConfigReader.NO_FLAGS);
    ProxyConfigReader.readSide(resolved, ProxyConfigReader.NO_FLAGS);
    return proxy;
  }

  /** A builder holding this configuration's values, to change some of them. */
  public Builder toBuilder() {
    return values.copy();
  }

  public ClusterEndpoint source() { return values.source; }
  public ClusterEndpoint target() { return values.target; }
  public InetSocketAddress listenAddress() { return values.listenAddress; }
  public List<InetSocketAddress> topologyAddresses() { return values.topologyAddresses; }
  public Set<Integer> protocolVersions() { return values.protocolVersions; }
  public String cqlVersion() { return values.cqlVersion; }
  /** Compression algorithms offered to clients, e.g. {@code [lz4, snappy]}; empty offers none. */
  public List<String> compression() { return values.compression; }
  public Path clientKeystore() { return values.clientKeystore; }
  public String clientKeystorePassword() { return values.clientKeystorePassword; }
  public int maxFrameBytes() { return values.maxFrameBytes; }
  public int maxStreamIdsPerConnection() { return values.maxStreamIdsPerConnection; }
  public Duration requestTimeout() { return values.requestTimeout; }
  public Duration connectTimeout() { return values.connectTimeout; }
  public Duration heartbeatInterval() { return values.heartbeatInterval; }
  public Duration shutdownGracePeriod() { return values.shutdownGracePeriod; }
  public int preparedCacheSize() { return values.preparedCacheSize; }
  /** Most driver sessions kept per cluster logged in with a client's credentials (see the builder). */
  public int maxLoginSessions() { return values.maxLoginSessions; }
  public int eventLoopThreads() { return values.eventLoopThreads; }
  public boolean nativeTransport() { return values.nativeTransport; }
  public MirrorConfig mirror() { return values.mirror; }
  public InetSocketAddress adminAddress() { return values.adminAddress; }
  /** The migration the proxy follows, and where its control store is; see the builder. */
  public ControlConfig control() { return values.control; }
  /** A third cluster holding the control store, or {@code null}: the one {@code control().cluster()} names. */
  public ClusterEndpoint controlEndpoint() { return values.controlEndpoint; }

  /** The highest protocol version configured (clients get v5 only if both clusters speak it). */
  public int maxProtocolVersion() {
    return ((TreeSet<Integer>) values.protocolVersions).last();
  }

  /**
   * Builds a {@link ProxyConfig}; every setter rejects a bad value at once with a message saying why. Starts
   * from the defaults of {@link ProxyOption} (those of {@code reference.conf}).
   */
  public static final class Builder {
    private static final Config DEFAULTS = TandemOption.defaults(ProxyOption.values());

    private final ClusterEndpoint source;
    private final ClusterEndpoint target;
    private InetSocketAddress listenAddress = new InetSocketAddress(text(LISTEN_ADDRESS), number(PORT));
    private List<InetSocketAddress> topologyAddresses = List.of();
    private Set<Integer> protocolVersions = new TreeSet<>(DEFAULTS.getIntList(PROTOCOL_VERSIONS.path()));
    private String cqlVersion = textOrNull(CQL_VERSION);
    private List<String> compression = List.copyOf(DEFAULTS.getStringList(COMPRESSION.path()));
    private Path clientKeystore;
    private String clientKeystorePassword;
    private int maxFrameBytes = Math.toIntExact(DEFAULTS.getBytes(MAX_FRAME_SIZE.path()));
    private int maxStreamIdsPerConnection = number(MAX_STREAM_IDS_PER_CONNECTION);
    private Duration requestTimeout = DEFAULTS.getDuration(REQUEST_TIMEOUT.path());
    private Duration connectTimeout = DEFAULTS.getDuration(CONNECT_TIMEOUT.path());
    private Duration heartbeatInterval = DEFAULTS.getDuration(HEARTBEAT_INTERVAL.path());
    private Duration shutdownGracePeriod = DEFAULTS.getDuration(SHUTDOWN_GRACE_PERIOD.path());
    private int preparedCacheSize = number(PREPARED_CACHE_SIZE);
    private int maxLoginSessions = number(MAX_LOGIN_SESSIONS);
    private int eventLoopThreads = eventLoopThreadsDefault();
    private boolean nativeTransport = DEFAULTS.getBoolean(NATIVE_TRANSPORT.path());
    private MirrorConfig mirror = MirrorConfig.builder().backpressurePolicy(BackpressurePolicy.LOG_FOR_REPLAY).build();
    private InetSocketAddress adminAddress = adminAddressDefault();
    private ControlConfig control = ControlConfig.defaults();
    private ClusterEndpoint controlEndpoint;

    private Builder(ClusterEndpoint source, ClusterEndpoint target) {
      this.source = Objects.requireNonNull(source, "source");
      this.target = Objects.requireNonNull(target, "target");
    }

    /** Where clients connect. Default {@code 0.0.0.0:29042} (Azure's cassandra-proxy port). */
    public Builder listenAddress(InetSocketAddress address) {
      this.listenAddress = Objects.requireNonNull(address, "listenAddress");
      return this;
    }

    /**
     * The addresses of every proxy instance clients may use, this one included, as clients reach them; each
     * instance owns an even share of the token ring in the {@code system.local}/{@code system.peers} answers.
     * Default: empty, meaning this instance alone, at the address each client connected to.
     */
    public Builder topologyAddresses(List<InetSocketAddress> addresses) {
      this.topologyAddresses = List.copyOf(addresses);
      return this;
    }

    /**
     * Protocol versions offered to clients (3, 4, 5). Default {@code [3, 4, 5]}; v5 only while both clusters
     * speak it (the proxy's driver session to each negotiated v5: Cassandra 4.0+). Clients asking for another
     * version are negotiated down.
     */
    public Builder protocolVersions(Set<Integer> versions) {
      TreeSet<Integer> checked = new TreeSet<>(versions);
      if (checked.isEmpty() || checked.first() < 3 || checked.last() > 5) {
        throw new IllegalArgumentException("protocol versions must be among 3, 4 and 5, got " + versions);
      }
      this.protocolVersions = checked;
      return this;
    }

    /** The CQL_VERSION offered to clients in SUPPORTED; default {@code null}: the cluster's own. */
    public Builder cqlVersion(String version) {
      this.cqlVersion = version;
      return this;
    }

    /**
     * Compression algorithms offered to clients between them and the proxy ({@code lz4}, {@code snappy}), in
     * order of preference; the proxy talks to the clusters uncompressed. Default {@code [lz4, snappy]}; empty
     * offers none.
     */
    public Builder compression(List<String> algorithms) {
      List<String> checked = algorithms.stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
      for (String name : checked) {
        if (!name.equals("lz4") && !name.equals("snappy")) {
          throw new IllegalArgumentException("compression must be among lz4 and snappy, got '" + name + "'");
        }
      }
      this.compression = List.copyOf(new LinkedHashSet<>(checked));
      return this;
    }

    /** TLS towards clients from a JKS/PKCS12 keystore; default none (plain TCP). */
    public Builder clientTls(Path keystore, String password) {
      this.clientKeystore = Objects.requireNonNull(keystore, "keystore");
      this.clientKeystorePassword = password;
      return this;
    }

    /** The largest frame body accepted from a client or a cluster. Default 16 MiB (Cassandra's own limit). */
    public Builder maxFrameBytes(int bytes) {
      this.maxFrameBytes = positive(bytes, "maxFrameBytes");
      return this;
    }

    /** Concurrent requests per client connection towards one cluster. Default 2048; at most 32768. */
    public Builder maxStreamIdsPerConnection(int ids) {
      if (ids < 1 || ids > 32768) {
        throw new IllegalArgumentException("maxStreamIdsPerConnection must be in [1, 32768], got " + ids);
      }
      this.maxStreamIdsPerConnection = ids;
      return this;
    }

    /** How long the proxy waits for a cluster's answer before answering the client with an error. Default 12 s. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** TCP connect timeout towards cluster nodes. Default 5 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** Idle time after which a cluster connection is kept alive with OPTIONS; zero disables. Default 30 s. */
    public Builder heartbeatInterval(Duration interval) {
      if (interval.isNegative()) {
        throw new IllegalArgumentException("heartbeatInterval must not be negative, got " + interval);
      }
      this.heartbeatInterval = interval;
      return this;
    }

    /** How long shutdown waits for in-flight requests before closing connections. Default 10 s. */
    public Builder shutdownGracePeriod(Duration period) {
      if (period.isNegative()) {
        throw new IllegalArgumentException("shutdownGracePeriod must not be negative, got " + period);
      }
      this.shutdownGracePeriod = period;
      return this;
    }

    /** Prepared statements remembered (query text by id). Default 10,000. */
    public Builder preparedCacheSize(int size) {
      this.preparedCacheSize = positive(size, "preparedCacheSize");
      return this;
    }

    /**
     * For a cluster without configured credentials that requires authentication, the proxy mirrors each
     * client's writes through a driver session logged in with that client's own credentials: at most this many
     * such sessions (distinct users) per cluster, the least recently used one closed beyond. Default 16.
     */
    public Builder maxLoginSessions(int sessions) {
      this.maxLoginSessions = positive(sessions, "maxLoginSessions");
      return this;
    }

    /** Netty event-loop threads. Default: the number of cores. */
    public Builder eventLoopThreads(int threads) {
      this.eventLoopThreads = positive(threads, "eventLoopThreads");
      return this;
    }

    /**
     * Whether sockets use Linux's native epoll transport where its library loads (Linux on x86_64 or aarch64);
     * elsewhere, or when false, Java NIO. Default true.
     */
    public Builder nativeTransport(boolean enabled) {
      this.nativeTransport = enabled;
      return this;
    }

    /**
     * How writes are mirrored (mode, retry, breaker, failed-write log). Default: core's defaults except the
     * backpressure policy, {@code LOG_FOR_REPLAY} (see {@link #MIRROR_DEFAULTS}).
     */
    public Builder mirror(MirrorConfig mirror) {
      this.mirror = Objects.requireNonNull(mirror, "mirror");
      return this;
    }

    /**
     * Where {@code /metrics}, {@code /health/*} and {@code /admin/*} are served; {@code null} turns the
     * endpoint off. Default {@code 127.0.0.1:28000} (localhost only: the admin endpoint changes routing).
     */
    public Builder adminAddress(InetSocketAddress address) {
      this.adminAddress = address;
      return this;
    }

    /**
     * The control plane: with a {@code migrationId}, the proxy reads that migration from the control store (on
     * the cluster {@code control.cluster()} names, through the proxy's own session to it) before accepting
     * clients, follows its phase and heartbeats; the state-changing {@code /admin/*} POSTs then answer 409.
     * Default {@link ControlConfig#defaults()}: no migration, the state lives in this process.
     */
    public Builder control(ControlConfig control) {
      this.control = Objects.requireNonNull(control, "control");
      return this;
    }

    /**
     * A third cluster holding the control store, reached through a driver session the proxy opens to it when it
     * follows a migration (closed when the proxy stops); {@code control.cluster()} is then ignored. Default
     * {@code null}: the store is on the source or the target, as {@code control.cluster()} says.
     */
    public Builder controlEndpoint(ClusterEndpoint endpoint) {
      this.controlEndpoint = endpoint;
      return this;
    }

    public ProxyConfig build() {
      return new ProxyConfig(this);
    }

    private Builder copy() {
      Builder copy = new Builder(source, target);
      copy.listenAddress = listenAddress;
      copy.topologyAddresses = topologyAddresses;
      copy.protocolVersions = new TreeSet<>(protocolVersions);
      copy.cqlVersion = cqlVersion;
      copy.compression = compression;
      copy.clientKeystore = clientKeystore;
      copy.clientKeystorePassword = clientKeystorePassword;
      copy.maxFrameBytes = maxFrameBytes;
      copy.maxStreamIdsPerConnection = maxStreamIdsPerConnection;
      copy.requestTimeout = requestTimeout;
      copy.connectTimeout = connectTimeout;
      copy.heartbeatInterval = heartbeatInterval;
      copy.shutdownGracePeriod = shutdownGracePeriod;
      copy.preparedCacheSize = preparedCacheSize;
      copy.maxLoginSessions = maxLoginSessions;
      copy.eventLoopThreads = eventLoopThreads;
      copy.nativeTransport = nativeTransport;
      copy.mirror = mirror;
      copy.adminAddress = adminAddress;
      copy.control = control;
      copy.controlEndpoint = controlEndpoint;
      return copy;
    }

    private static String text(ProxyOption option) {
      return DEFAULTS.getString(option.path());
    }

    private static String textOrNull(ProxyOption option) {
      String text = text(option);
      return text.isEmpty() ? null : text;
    }

    private static int number(ProxyOption option) {
      return DEFAULTS.getInt(option.path());
    }

    /** {@code 0} in the catalogue means one thread per core. */
    private static int eventLoopThreadsDefault() {
      int threads = number(EVENT_LOOP_THREADS);
      return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    private static InetSocketAddress adminAddressDefault() {
      boolean enabled = DEFAULTS.getBoolean(ADMIN_ENABLED.path());
      return enabled ? new InetSocketAddress(text(ADMIN_ADDRESS), number(ADMIN_PORT)) : null;
    }

    private static int positive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }

    private static Duration positive(Duration value, String name) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }
  }
}
