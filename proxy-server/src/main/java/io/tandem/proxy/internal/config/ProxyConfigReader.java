package io.tandem.proxy.internal.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.core.api.config.ControlOption;
import io.tandem.core.api.config.TandemOption;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.api.ProxyOption;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a {@link ProxyConfig} from the {@code tandem.proxy} and {@code tandem.mirror} sections of a resolved
 * config (flags, file and defaults already merged), for {@link ProxyConfig#from} and the {@code tandem-proxy}
 * command line. Every error is an {@link IllegalArgumentException} whose message names the setting's path (and
 * the flag that sets it, when the caller gives flags), and says what to do.
 */
public final class ProxyConfigReader {

  /** No flags: messages name the HOCON paths alone. */
  public static final Function<TandemOption, String> NO_FLAGS = option -> null;

  private static final Cluster SOURCE = new Cluster("source", ProxyOption.SOURCE_CONTACT_POINTS,
      ProxyOption.SOURCE_PORT, ProxyOption.SOURCE_TLS, ProxyOption.SOURCE_VERIFY_HOSTNAME,
      ProxyOption.SOURCE_TRUSTSTORE, ProxyOption.SOURCE_TRUSTSTORE_PASSWORD, ProxyOption.SOURCE_USERNAME,
      ProxyOption.SOURCE_PASSWORD, ProxyOption.SOURCE_DATACENTER);
  private static final Cluster TARGET = new Cluster("target", ProxyOption.TARGET_CONTACT_POINTS,
      ProxyOption.TARGET_PORT, ProxyOption.TARGET_TLS, ProxyOption.TARGET_VERIFY_HOSTNAME,
      ProxyOption.TARGET_TRUSTSTORE, ProxyOption.TARGET_TRUSTSTORE_PASSWORD, ProxyOption.TARGET_USERNAME,
      ProxyOption.TARGET_PASSWORD, ProxyOption.TARGET_DATACENTER);

  /** Port of control contact points given without one. */
  private static final int DEFAULT_CQL_PORT = 9042;

  private final Config config;
  private final Function<TandemOption, String> flags;

  private ProxyConfigReader(Config config, Function<TandemOption, String> flags) {
    this.config = config;
    this.flags = flags;
  }

  /**
   * {@code config} over the proxy's own mirror defaults ({@link ProxyConfig#MIRROR_DEFAULTS}) and the
   * {@code reference.conf} files (the proxy's and core's), resolved.
   *
   * @throws IllegalArgumentException when the config does not resolve
   */
  public static Config withDefaults(Config config) {
    try {
      return config.withFallback(ProxyConfig.MIRROR_DEFAULTS)
          .withFallback(ConfigFactory.defaultReference(ProxyConfigReader.class.getClassLoader()))
          .resolve();
    } catch (ConfigException e) {
      throw new IllegalArgumentException(oneLine(e.getMessage()), e);
    }
  }

  /**
   * The proxy's configuration from a resolved config holding every setting (see {@link #withDefaults}).
   *
   * @param flags the command-line flag that sets an option, or {@code null} (see {@link #NO_FLAGS})
   * @throws IllegalArgumentException a wrong or missing setting, naming its path (and flag)
   */
  public static ProxyConfig read(Config config, Function<TandemOption, String> flags) {
    return new ProxyConfigReader(config, flags).read();
  }

  /** The cluster reads go to at start ({@code tandem.proxy.read-side}); not part of {@link ProxyConfig}. */
  public static Side readSide(Config config, Function<TandemOption, String> flags) {
    ProxyConfigReader reader = new ProxyConfigReader(config, flags);
    return reader.get(ProxyOption.READ_SIDE, () -> side(config.getString(ProxyOption.READ_SIDE.path())));
  }

  private ProxyConfig read() {
    rejectUnknownProxySettings();
    ClusterEndpoint source = cluster(SOURCE);
    ProxyConfig.Builder builder = ProxyConfig.builder(source, cluster(TARGET));
    int port = port(ProxyOption.PORT);
    get(ProxyOption.LISTEN_ADDRESS, () -> builder.listenAddress(
        Addresses.bind(config.getString(ProxyOption.LISTEN_ADDRESS.path()), port)));
    get(ProxyOption.TOPOLOGY, () -> builder.topologyAddresses(addresses(ProxyOption.TOPOLOGY, port)));
    get(ProxyOption.PROTOCOL_VERSIONS, () -> builder.protocolVersions(protocolVersions()));
    builder.cqlVersion(optionalString(ProxyOption.CQL_VERSION));
    get(ProxyOption.COMPRESSION, () -> builder.compression(stringList(ProxyOption.COMPRESSION)));
    clientTls(builder);
    get(ProxyOption.MAX_FRAME_SIZE, () -> builder.maxFrameBytes(
        Math.toIntExact(config.getBytes(ProxyOption.MAX_FRAME_SIZE.path()))));
    get(ProxyOption.MAX_STREAM_IDS_PER_CONNECTION, () -> builder.maxStreamIdsPerConnection(
        config.getInt(ProxyOption.MAX_STREAM_IDS_PER_CONNECTION.path())));
    get(ProxyOption.REQUEST_TIMEOUT, () -> builder.requestTimeout(config.getDuration(ProxyOption.REQUEST_TIMEOUT.path())));
    get(ProxyOption.CONNECT_TIMEOUT, () -> builder.connectTimeout(config.getDuration(ProxyOption.CONNECT_TIMEOUT.path())));
    get(ProxyOption.HEARTBEAT_INTERVAL, () -> builder.heartbeatInterval(
        config.getDuration(ProxyOption.HEARTBEAT_INTERVAL.path())));
    get(ProxyOption.SHUTDOWN_GRACE_PERIOD, () -> builder.shutdownGracePeriod(
        config.getDuration(ProxyOption.SHUTDOWN_GRACE_PERIOD.path())));
    get(ProxyOption.PREPARED_CACHE_SIZE, () -> builder.preparedCacheSize(
        config.getInt(ProxyOption.PREPARED_CACHE_SIZE.path())));
    get(ProxyOption.MAX_LOGIN_SESSIONS, () -> builder.maxLoginSessions(
        config.getInt(ProxyOption.MAX_LOGIN_SESSIONS.path())));
    int threads = get(ProxyOption.EVENT_LOOP_THREADS, () -> config.getInt(ProxyOption.EVENT_LOOP_THREADS.path()));
    if (threads != 0) {
      get(ProxyOption.EVENT_LOOP_THREADS, () -> builder.eventLoopThreads(threads));
    }
    get(ProxyOption.NATIVE_TRANSPORT, () -> builder.nativeTransport(config.getBoolean(ProxyOption.NATIVE_TRANSPORT.path())));
    builder.adminAddress(adminAddress());
    builder.mirror(mirror());
    builder.control(control());
    builder.controlEndpoint(controlEndpoint(source));
    return builder.build();
  }

  /** The options of one cluster, under {@code tandem.proxy.source} or {@code tandem.proxy.target}. */
  private record Cluster(String name, ProxyOption contactPoints, ProxyOption port, ProxyOption tls,
      ProxyOption verifyHostname, ProxyOption truststore, ProxyOption truststorePassword, ProxyOption username,
      ProxyOption password, ProxyOption datacenter) {}

  private ClusterEndpoint cluster(Cluster cluster) {
    int port = port(cluster.port());
    List<InetSocketAddress> contactPoints =
        get(cluster.contactPoints(), () -> addresses(cluster.contactPoints(), port));
    if (contactPoints.isEmpty()) {
      String flag = flags.apply(cluster.contactPoints());
      throw new IllegalArgumentException("give the " + cluster.name() + " cluster's contact points: " + (flag == null
          ? cluster.contactPoints().path() + " (host or host:port, as a list or one comma-separated string)"
          : flag + " on the command line (host or host1,host2), or " + cluster.contactPoints().path()
              + " in the --config file"));
    }
    boolean tls = get(cluster.tls(), () -> config.getBoolean(cluster.tls().path()));
    boolean verifyHostname = get(cluster.verifyHostname(), () -> config.getBoolean(cluster.verifyHostname().path()));
    Path truststore = optionalPath(cluster.truststore());
    String truststorePassword = optionalString(cluster.truststorePassword());
    if (truststore != null) {
      KeyStores.checkTruststore(truststore, truststorePassword, describe(cluster.truststore()));
    }
    String username = optionalString(cluster.username());
    String password = optionalString(cluster.password());
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("give both " + name(cluster.username()) + " and "
          + name(cluster.password()) + " (or TANDEM_" + cluster.name().toUpperCase(Locale.ROOT)
          + "_PASSWORD), or neither");
    }
    return new ClusterEndpoint(cluster.name(), contactPoints, tls, tls && verifyHostname, truststore,
        truststorePassword, username, password, optionalString(cluster.datacenter()));
  }

  /**
   * The third cluster under {@code tandem.proxy.control}, or {@code null} when it has no contact points; its
   * other settings are refused then (they would be silently ignored).
   */
  private ClusterEndpoint controlEndpoint(ClusterEndpoint source) {
    List<InetSocketAddress> contactPoints = get(ProxyOption.CONTROL_CONTACT_POINTS,
        () -> addresses(ProxyOption.CONTROL_CONTACT_POINTS, DEFAULT_CQL_PORT));
    boolean tls = get(ProxyOption.CONTROL_TLS, () -> config.getBoolean(ProxyOption.CONTROL_TLS.path()));
    boolean verifyHostname = get(ProxyOption.CONTROL_VERIFY_HOSTNAME,
        () -> config.getBoolean(ProxyOption.CONTROL_VERIFY_HOSTNAME.path()));
    String username = optionalString(ProxyOption.CONTROL_USERNAME);
    String password = optionalString(ProxyOption.CONTROL_PASSWORD);
    String datacenter = optionalString(ProxyOption.CONTROL_DATACENTER);
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("give both " + name(ProxyOption.CONTROL_USERNAME) + " and "
          + name(ProxyOption.CONTROL_PASSWORD) + " (or TANDEM_CONTROL_PASSWORD), or neither");
    }
    if (contactPoints.isEmpty()) {
      rejectWithoutControlCluster(ProxyOption.CONTROL_USERNAME, username != null);
      rejectWithoutControlCluster(ProxyOption.CONTROL_TLS, tls);
      rejectWithoutControlCluster(ProxyOption.CONTROL_DATACENTER, datacenter != null);
      return null;
    }
    return new ClusterEndpoint("control", contactPoints, tls, tls && verifyHostname, null, null, username,
        password, datacenter != null ? datacenter : source.localDatacenter());
  }

  private void rejectWithoutControlCluster(ProxyOption option, boolean given) {
    if (given) {
      throw new IllegalArgumentException(describe(option) + " is for a third cluster holding the control store: "
          + "give its contact points with " + name(ProxyOption.CONTROL_CONTACT_POINTS) + " HOST[:PORT],... or drop "
          + name(option) + " (the source and the target use their own settings)");
    }
  }

  private void clientTls(ProxyConfig.Builder builder) {
    Path keystore = optionalPath(ProxyOption.CLIENT_TLS_KEYSTORE);
    if (keystore != null) {
      String password = optionalString(ProxyOption.CLIENT_TLS_KEYSTORE_PASSWORD);
      KeyStores.checkKeystore(keystore, password, describe(ProxyOption.CLIENT_TLS_KEYSTORE));
      builder.clientTls(keystore, password);
    }
  }

  private Set<Integer> protocolVersions() {
    Set<Integer> versions = new TreeSet<>();
    for (String version : stringList(ProxyOption.PROTOCOL_VERSIONS)) {
      try {
        versions.add(Integer.parseInt(version.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + version + "' is not a protocol version: use 3, 4 and/or 5");
      }
    }
    for (int version : versions) {
      if (version < 3 || version > 5) {
        throw new IllegalArgumentException(version + " is not a protocol version the proxy offers: use 3, 4 and/or 5");
      }
    }
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("give at least one protocol version: 3, 4 and/or 5");
    }
    return versions;
  }

  private InetSocketAddress adminAddress() {
    boolean enabled = get(ProxyOption.ADMIN_ENABLED, () -> config.getBoolean(ProxyOption.ADMIN_ENABLED.path()));
    if (!enabled) {
      return null;
    }
    int port = port(ProxyOption.ADMIN_PORT);
    return get(ProxyOption.ADMIN_ADDRESS, () -> Addresses.bind(config.getString(ProxyOption.ADMIN_ADDRESS.path()), port));
  }

  private MirrorConfig mirror() {
    try {
      return MirrorEngine.configFrom(config);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(oneLine(e.getMessage()), e);
    }
  }

  /** {@code tandem.control}; the migration id and the cluster checked first, so their errors name the flag. */
  private ControlConfig control() {
    get(ControlOption.MIGRATION_ID, () -> {
      String id = config.getString(ControlOption.MIGRATION_ID.path());
      return id.isBlank() ? id : ControlConfig.requireMigrationId(id);
    });
    get(ControlOption.CLUSTER, () -> side(config.getString(ControlOption.CLUSTER.path())));
    get(ControlOption.KEYSPACE, () -> ControlConfig.defaults().withKeyspace(
        config.getString(ControlOption.KEYSPACE.path())));
    get(ControlOption.POLL_INTERVAL, () -> ControlConfig.defaults().withPollInterval(
        config.getDuration(ControlOption.POLL_INTERVAL.path())));
    try {
      return ControlConfig.from(config);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(oneLine(e.getMessage()), e);
    }
  }

  private int port(TandemOption setting) {
    int port = get(setting, () -> config.getInt(setting.path()));
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(describe(setting) + ": " + port + " is not a port: use 0 to 65535");
    }
    return port;
  }

  private List<InetSocketAddress> addresses(TandemOption setting, int defaultPort) {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String address : stringList(setting)) {
      addresses.add(Addresses.remote(address, defaultPort));
    }
    return addresses;
  }

  /** A list, or one comma-separated string (handy in .properties files). */
  private List<String> stringList(TandemOption setting) {
    if (config.getValue(setting.path()).valueType() == ConfigValueType.LIST) {
      return config.getList(setting.path()).unwrapped().stream().map(String::valueOf).toList();
    }
    return Arrays.stream(config.getString(setting.path()).split(","))
        .map(String::trim)
        .filter(part -> !part.isEmpty())
        .toList();
  }

  private String optionalString(TandemOption setting) {
    String value = get(setting, () -> config.getString(setting.path()));
    return value.isBlank() ? null : value;
  }

  private Path optionalPath(TandemOption setting) {
    String value = optionalString(setting);
    return value == null ? null : Path.of(value);
  }

  private static Side side(String value) {
    try {
      return Side.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + value + "' is not source or target");
    }
  }

  /** Settings under tandem.proxy that reference.conf does not know are typos: refuse them. */
  private void rejectUnknownProxySettings() {
    Config known = ConfigFactory.defaultReference(ProxyConfigReader.class.getClassLoader()).getConfig("tandem.proxy");
    for (var entry : config.getConfig("tandem.proxy").entrySet()) {
      if (!known.hasPathOrNull(entry.getKey())) {
        throw new IllegalArgumentException("unknown setting tandem.proxy." + entry.getKey() + " ("
            + entry.getValue().origin().description() + "); the proxy's reference.conf lists every setting");
      }
    }
  }

  /** Runs a read, turning any failure into one line naming the setting. */
  private <T> T get(TandemOption option, Supplier<T> read) {
    try {
      return read.get();
    } catch (ConfigException | IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException(describe(option) + ": " + oneLine(message(e)), e);
    }
  }

  /** {@code "--proxy-port (tandem.proxy.port)"}, or the path alone when no flag sets the option. */
  private String describe(TandemOption option) {
    String flag = flags.apply(option);
    return flag == null ? option.path() : flag + " (" + option.path() + ")";
  }

  /** The flag that sets the option, or else its path. */
  private String name(TandemOption option) {
    String flag = flags.apply(option);
    return flag == null ? option.path() : flag;
  }

  private static String message(RuntimeException e) {
    if (e instanceof ArithmeticException) {
      return "value too large";
    }
    return e.getMessage();
  }

  /** A message on one line (HOCON's messages may span several). */
  public static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
