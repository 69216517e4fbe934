package io.tandem.proxy.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads a {@link ProxySettings} from the {@code tandem.proxy} and {@code tandem.mirror} sections of a resolved
 * config (flags, file and defaults already merged). Every error is an {@link IllegalArgumentException} whose
 * message names the flag and the setting, and says what to do.
 */
final class ProxySettingsReader {

  private final Config config;

  private ProxySettingsReader(Config config) {
    this.config = config;
  }

  static ProxySettings read(Config config) {
    return new ProxySettingsReader(config).read();
  }

  private ProxySettings read() {
    rejectUnknownProxySettings();
    ProxyConfig.Builder builder = ProxyConfig.builder(cluster(Settings.SOURCE), cluster(Settings.TARGET));
    int port = port(Settings.PORT);
    get(Settings.LISTEN_ADDRESS, () -> builder.listenAddress(
        Addresses.bind(config.getString(Settings.LISTEN_ADDRESS.path()), port)));
    get(Settings.TOPOLOGY, () -> builder.topologyAddresses(addresses(Settings.TOPOLOGY, port)));
    get(Settings.PROTOCOL_VERSIONS, () -> builder.protocolVersions(protocolVersions()));
    builder.cqlVersion(optionalString(Settings.CQL_VERSION));
    get(Settings.COMPRESSION, () -> builder.compression(stringList(Settings.COMPRESSION)));
    clientTls(builder);
    get(Settings.MAX_FRAME_SIZE, () -> builder.maxFrameBytes(
        Math.toIntExact(config.getBytes(Settings.MAX_FRAME_SIZE.path()))));
    get(Settings.MAX_STREAM_IDS, () -> builder.maxStreamIdsPerConnection(
        config.getInt(Settings.MAX_STREAM_IDS.path())));
    get(Settings.REQUEST_TIMEOUT, () -> builder.requestTimeout(config.getDuration(Settings.REQUEST_TIMEOUT.path())));
    get(Settings.CONNECT_TIMEOUT, () -> builder.connectTimeout(config.getDuration(Settings.CONNECT_TIMEOUT.path())));
    get(Settings.HEARTBEAT_INTERVAL, () -> builder.heartbeatInterval(
        config.getDuration(Settings.HEARTBEAT_INTERVAL.path())));
    get(Settings.SHUTDOWN_GRACE_PERIOD, () -> builder.shutdownGracePeriod(
        config.getDuration(Settings.SHUTDOWN_GRACE_PERIOD.path())));
    get(Settings.PREPARED_CACHE_SIZE, () -> builder.preparedCacheSize(
        config.getInt(Settings.PREPARED_CACHE_SIZE.path())));
    get(Settings.MAX_LOGIN_SESSIONS, () -> builder.maxLoginSessions(
        config.getInt(Settings.MAX_LOGIN_SESSIONS.path())));
    int threads = get(Settings.EVENT_LOOP_THREADS, () -> config.getInt(Settings.EVENT_LOOP_THREADS.path()));
    if (threads != 0) {
      get(Settings.EVENT_LOOP_THREADS, () -> builder.eventLoopThreads(threads));
    }
    get(Settings.NATIVE_TRANSPORT, () -> builder.nativeTransport(config.getBoolean(Settings.NATIVE_TRANSPORT.path())));
    builder.adminAddress(adminAddress());
    builder.mirror(mirror());
    Side readSide = get(Settings.READ_SIDE, () -> side(config.getString(Settings.READ_SIDE.path())));
    return new ProxySettings(builder.build(), readSide);
  }

  private ClusterEndpoint cluster(ClusterSettings cluster) {
    int port = port(cluster.port());
    List<InetSocketAddress> contactPoints =
        get(cluster.contactPoints(), () -> addresses(cluster.contactPoints(), port));
    if (contactPoints.isEmpty()) {
      throw new IllegalArgumentException("give the " + cluster.name() + " cluster's contact points: "
          + cluster.contactPoints().flag() + " on the command line (host or host1,host2), or "
          + cluster.contactPoints().path() + " in the --config file");
    }
    boolean tls = get(cluster.tls(), () -> config.getBoolean(cluster.tls().path()));
    boolean verifyHostname = get(cluster.verifyHostname(), () -> config.getBoolean(cluster.verifyHostname().path()));
    Path truststore = optionalPath(cluster.truststore());
    String truststorePassword = optionalString(cluster.truststorePassword());
    if (truststore != null) {
      KeyStores.checkTruststore(truststore, truststorePassword, cluster.truststore());
    }
    String username = optionalString(cluster.username());
    String password = optionalString(cluster.password());
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("give both " + cluster.username().flag() + " and "
          + cluster.password().flag() + " (or TANDEM_" + cluster.name().toUpperCase(Locale.ROOT)
          + "_PASSWORD), or neither");
    }
    return new ClusterEndpoint(cluster.name(), contactPoints, tls, tls && verifyHostname, truststore,
        truststorePassword, username, password, optionalString(cluster.datacenter()));
  }

  private void clientTls(ProxyConfig.Builder builder) {
    Path keystore = optionalPath(Settings.KEYSTORE);
    if (keystore != null) {
      String password = optionalString(Settings.KEYSTORE_PASSWORD);
      KeyStores.checkKeystore(keystore, password, Settings.KEYSTORE);
      builder.clientTls(keystore, password);
    }
  }

  private Set<Integer> protocolVersions() {
    Set<Integer> versions = new TreeSet<>();
    for (String version : stringList(Settings.PROTOCOL_VERSIONS)) {
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
    boolean enabled = get(Settings.ADMIN_ENABLED, () -> config.getBoolean(Settings.ADMIN_ENABLED.path()));
    if (!enabled) {
      return null;
    }
    int port = port(Settings.ADMIN_PORT);
    return get(Settings.ADMIN_ADDRESS, () -> Addresses.bind(config.getString(Settings.ADMIN_ADDRESS.path()), port));
  }

  private MirrorConfig mirror() {
    try {
      return MirrorEngine.configFrom(config);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(oneLine(e.getMessage()), e);
    }
  }

  private int port(Setting setting) {
    int port = get(setting, () -> config.getInt(setting.path()));
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(setting.describe() + ": " + port + " is not a port: use 0 to 65535");
    }
    return port;
  }

  private List<InetSocketAddress> addresses(Setting setting, int defaultPort) {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String address : stringList(setting)) {
      addresses.add(Addresses.remote(address, defaultPort));
    }
    return addresses;
  }

  /** A list, or one comma-separated string (handy in .properties files). */
  private List<String> stringList(Setting setting) {
    if (config.getValue(setting.path()).valueType() == ConfigValueType.LIST) {
      return config.getList(setting.path()).unwrapped().stream().map(String::valueOf).toList();
    }
    return Arrays.stream(config.getString(setting.path()).split(","))
        .map(String::trim)
        .filter(part -> !part.isEmpty())
        .toList();
  }

  private String optionalString(Setting setting) {
    String value = get(setting, () -> config.getString(setting.path()));
    return value.isBlank() ? null : value;
  }

  private Path optionalPath(Setting setting) {
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
    Config known = ConfigFactory.defaultReference(ProxySettingsReader.class.getClassLoader()).getConfig("tandem.proxy");
    for (var entry : config.getConfig("tandem.proxy").entrySet()) {
      if (!known.hasPathOrNull(entry.getKey())) {
        throw new IllegalArgumentException("unknown setting tandem.proxy." + entry.getKey() + " ("
            + entry.getValue().origin().description() + "); the proxy's reference.conf lists every setting");
      }
    }
  }

  /** Runs a read, turning any failure into one line naming the setting. */
  private static <T> T get(Setting setting, Supplier<T> read) {
    try {
      return read.get();
    } catch (ConfigException | IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException(setting.describe() + ": " + oneLine(message(e)), e);
    }
  }

  private static String message(RuntimeException e) {
    if (e instanceof ArithmeticException) {
      return "value too large";
    }
    return e.getMessage();
  }

  static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
