package io.tandem.testkit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import io.tandem.testkit.internal.CassandraConfiguration.NodeSettings;
import io.tandem.testkit.internal.CassandraNodeProcess;
import io.tandem.testkit.internal.CassandraRuntime;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A real Apache Cassandra cluster, one forked JVM per node, on consecutive loopback addresses (for example
 * 127.0.0.1, 127.0.0.2, …). Nodes share the native and storage ports; the address tells them apart, so
 * several clusters run side by side on one machine.
 *
 * <pre>{@code
 * try (EmbeddedCassandraCluster source = EmbeddedCassandraCluster.builder()
 *         .withClusterName("source").withFirstAddress("127.0.0.1").build().start();
 *      CqlSession session = source.sessionBuilder().build()) {
 *   session.execute("SELECT release_version FROM system.local");
 * }
 * }</pre>
 *
 * <p>Nodes are stopped by {@link #close()}, by a JVM shutdown hook, and, should this JVM die without
 * either, by themselves when their launcher's pipe closes.
 */
public final class EmbeddedCassandraCluster implements AutoCloseable {

  /** The data center name of every embedded cluster ({@code SimpleSnitch}). */
  public static final String DATACENTER = "datacenter1";

  private final Builder settings;
  private final List<CassandraNodeProcess> nodes = new ArrayList<>();
  private final Thread shutdownHook;
  private boolean started;
  private final Object runtimeLock = new Object(); // not the cluster's: restart() reaches it under a node's lock
  private CassandraRuntime runtime;

  private EmbeddedCassandraCluster(Builder settings) {
    this.settings = settings;
    int[] first = parseAddress(settings.firstAddress);
    for (int index = 0; index < settings.nodeCount; index++) {
      String address = first[0] + "." + first[1] + "." + first[2] + "." + (first[3] + index);
      NodeSettings node =
          new NodeSettings(
              settings.clusterName,
              address,
              settings.firstAddress,
              settings.nativePort,
              settings.storagePort,
              settings.username != null,
              settings.keystore == null ? null : settings.keystore.path(),
              settings.keystore == null ? null : settings.keystore.password(),
              index == 0 ? settings.extraYaml : joinYaml(settings.extraYaml, "auto_bootstrap: false"),
              settings.version);
      Path directory = settings.workDirectory.resolve(settings.clusterName + "-node" + (index + 1));
      nodes.add(
          new CassandraNodeProcess(
              directory, node, settings.heap, settings.startTimeout, settings.extraJvmFlags, this::runtime));
    }
    this.shutdownHook = new Thread(this::stop, "tandem-stop-" + settings.clusterName);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts every node, one after the other, with empty data folders. Returns this cluster.
   *
   * @throws IllegalStateException before any node starts, when the version's JDK or server jars are missing
   */
  public synchronized EmbeddedCassandraCluster start() {
    if (!started) {
      runtime();
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      started = true;
      try {
        nodes.forEach(node -> node.start(true));
        if (settings.username != null) {
          awaitLogin();
        }
        if (nodes.size() > 1) {
          awaitRing();
        }
      } catch (RuntimeException e) {
        stop();
        throw e;
      }
    }
    return this;
  }

  /** The Java, classpath and flags of this cluster's version, resolved on first use. */
  private CassandraRuntime runtime() {
    synchronized (runtimeLock) {
      if (runtime == null) {
        runtime = CassandraRuntime.resolve(settings.version, settings.javaHome);
      }
      return runtime;
    }
  }

  /** The Cassandra version of every node. */
  public CassandraVersion version() {
    return settings.version;
  }

  /** The superuser role is created a few seconds after the port opens; wait until it can log in. */
  private void awaitLogin() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try (CqlSession session = sessionBuilder().build()) {
        return;
      } catch (RuntimeException e) {
        last = e;
        try {
          Thread.sleep(500);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new CassandraStartupException(
        "Cluster " + settings.clusterName + " started but the superuser could not log in within 60 s ("
            + (last == null ? "interrupted" : last.getMessage()) + "). Logs: " + logFiles());
  }

  /** Each node's port opens before gossip has told the others about it; wait until every node sees all. */
  private void awaitRing() {
    long deadline = System.nanoTime() + settings.startTimeout.toNanos();
    try (CqlSession session = testSessionBuilder(Duration.ofSeconds(10)).build()) {
      while (System.nanoTime() < deadline) {
        if (session.getMetadata().getNodes().size() == nodes.size() && everyNodeSeesAllPeers(session)) {
          return;
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new CassandraStartupException("The " + nodes.size() + " nodes of cluster " + settings.clusterName
        + " started but did not all see each other within " + settings.startTimeout.toSeconds() + " s. Logs: "
        + logFiles());
  }

  private boolean everyNodeSeesAllPeers(CqlSession session) {
    for (Node node : session.getMetadata().getNodes().values()) {
      SimpleStatement peers = SimpleStatement.newInstance("SELECT peer FROM system.peers").setNode(node);
      try {
        if (session.execute(peers).all().size() != nodes.size() - 1) {
          return false;
        }
      } catch (DriverException notConnectedYet) {
        // A node just discovered by the control connection has no pool yet: ask again on the next round.
        return false;
      }
    }
    return true;
  }

  /** Stops every node gracefully. Safe to call more than once. */
  public synchronized void stop() {
    nodes.forEach(CassandraNodeProcess::stop);
  }

  /** Kills every node (SIGKILL) as a crash would; {@link #restart()} brings them back with their data. */
  public void kill() {
    nodes.forEach(CassandraNodeProcess::kill);
  }

  /**
   * Kills one node (SIGKILL), the others keep running: a node crash inside a live cluster. {@link
   * #restart()} brings it back.
   *
   * @param index the node's position, 0 for the first address
   */
  public void killNode(int index) {
    nodes.get(index).kill();
  }

  /** Starts again every node that is not running, keeping its data. */
  public void restart() {
    nodes.forEach(node -> node.start(false));
  }

  /** Freezes every node (SIGSTOP): connections stay open, requests time out. */
  public void suspend() {
    nodes.forEach(CassandraNodeProcess::suspend);
  }

  /** Thaws nodes frozen by {@link #suspend()}. */
  public void resume() {
    nodes.forEach(CassandraNodeProcess::resume);
  }

  public boolean isRunning() {
    return nodes.stream().allMatch(CassandraNodeProcess::isRunning);
  }

  public String clusterName() {
    return settings.clusterName;
  }

  public List<InetSocketAddress> contactPoints() {
    return nodes.stream().map(CassandraNodeProcess::nativeAddress).toList();
  }

  public List<Path> logFiles() {
    return nodes.stream().map(CassandraNodeProcess::logFile).toList();
  }

  /**
   * A session builder for this cluster: contact points, local data center, credentials and TLS are set;
   * anything else is the caller's.
   */
  public CqlSessionBuilder sessionBuilder() {
    CqlSessionBuilder builder =
        CqlSession.builder().addContactPoints(contactPoints()).withLocalDatacenter(DATACENTER);
    if (settings.username != null) {
      builder.withAuthCredentials(settings.username, settings.password);
    }
    if (settings.keystore != null) {
      builder.withSslContext(settings.keystore.clientContext());
    }
    return builder;
  }

  /**
   * A session builder for tests that stop and restart nodes: the given request timeout (DDL on a fresh node
   * can take seconds), and reconnection within 200 ms to 2 s instead of the driver's default of up to a
   * minute.
   */
  public CqlSessionBuilder testSessionBuilder(Duration requestTimeout) {
    return sessionBuilder()
        .withConfigLoader(
            DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, requestTimeout)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(20))
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(200))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(2))
                .build());
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrNeverAdded) {
      // nothing to undo
    }
  }

  private static String joinYaml(String first, String second) {
    return first == null || first.isBlank() ? second : first + "\n" + second;
  }

  private static int[] parseAddress(String address) {
    String[] parts = address.split("\\.");
    if (parts.length != 4 || !parts[0].equals("127")) {
      throw new IllegalArgumentException(
          "firstAddress must be a 127.x.y.z loopback address, got '" + address + "'");
    }
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      octets[i] = Integer.parseInt(parts[i]);
    }
    return octets;
  }

  /**
   * Settings of an {@link EmbeddedCassandraCluster}. Defaults: cluster {@code "tandem"}, one node on
   * 127.0.0.1, native port 9042, storage port 7000, heap 1g, no authentication, no TLS, 180 s start
   * timeout, work folder {@code target/cassandra} (or {@code -Dtandem.testkit.workDirectory}), Cassandra
   * {@link CassandraVersion#V5_0} on this JVM's Java home (3.11: a JDK 11, see {@link #withJavaHome}).
   */
  public static final class Builder {
    private String clusterName = "tandem";
    private String firstAddress = "127.0.0.1";
    private int nodeCount = 1;
    private int nativePort = 9042;
    private int storagePort = 7000;
    private String heap = "1g";
    private String username;
    private String password;
    private SelfSignedKeystore keystore;
    private Duration startTimeout = Duration.ofSeconds(180);
    private Path workDirectory =
        Path.of(System.getProperty("tandem.testkit.workDirectory", "target/cassandra"));
    private String extraYaml = "";
    private List<String> extraJvmFlags = List.of();
    private CassandraVersion version = CassandraVersion.V5_0;
    private Path javaHome;

    private Builder() {}

    /** Cluster name; also names the node folders, so clusters sharing a work folder need distinct names. */
    public Builder withClusterName(String clusterName) {
      if (!clusterName.matches("[A-Za-z0-9_-]+")) {
        throw new IllegalArgumentException("clusterName must match [A-Za-z0-9_-]+, got '" + clusterName + "'");
      }
      this.clusterName = clusterName;
      return this;
    }

    /** The first node's loopback address; node {@code i} gets the address plus {@code i}. */
    public Builder withFirstAddress(String firstAddress) {
      parseAddress(firstAddress);
      this.firstAddress = firstAddress;
      return this;
    }

    public Builder withNodeCount(int nodeCount) {
      if (nodeCount < 1 || nodeCount > 9) {
        throw new IllegalArgumentException("nodeCount must be between 1 and 9, got " + nodeCount);
      }
      this.nodeCount = nodeCount;
      return this;
    }

    public Builder withNativePort(int nativePort) {
      this.nativePort = requirePort(nativePort);
      return this;
    }

    public Builder withStoragePort(int storagePort) {
      this.storagePort = requirePort(storagePort);
      return this;
    }

    /** Heap of each node's JVM, as for {@code -Xmx} (e.g. {@code "1g"}, {@code "768m"}). */
    public Builder withHeap(String heap) {
      if (!heap.matches("\\d+[kmgKMG]")) {
        throw new IllegalArgumentException("heap must look like 768m or 1g, got '" + heap + "'");
      }
      this.heap = heap;
      return this;
    }

    /**
     * Turns on {@code PasswordAuthenticator}. Cassandra's built-in superuser is {@code cassandra} /
     * {@code cassandra}; sessions from {@link #sessionBuilder()} log in with it.
     */
    public Builder withPasswordAuthentication() {
      this.username = "cassandra";
      this.password = "cassandra";
      return this;
    }

    /** Requires TLS from clients, with the given server keystore. */
    public Builder withClientTls(SelfSignedKeystore keystore) {
      this.keystore = Objects.requireNonNull(keystore, "keystore");
      return this;
    }

    public Builder withStartTimeout(Duration startTimeout) {
      this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
      return this;
    }

    public Builder withWorkDirectory(Path workDirectory) {
      this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
      return this;
    }

    /** Lines appended verbatim to each node's {@code cassandra.yaml}. */
    public Builder withExtraYaml(String extraYaml) {
      this.extraYaml = Objects.requireNonNull(extraYaml, "extraYaml");
      return this;
    }

    /** Flags appended to each node's JVM command line. */
    public Builder withExtraJvmFlags(List<String> flags) {
      this.extraJvmFlags = List.copyOf(flags);
      return this;
    }

    /** The Cassandra version of every node; default {@link CassandraVersion#V5_0}. */
    public Builder withVersion(CassandraVersion version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * The JDK home the nodes run on. Default: this JVM's Java home; for {@link CassandraVersion#V3_11} a JDK 11
     * at {@code -Dtandem.testkit.java11}, else {@code $TANDEM_JAVA11_HOME}, else
     * {@code /usr/lib/jvm/java-11-openjdk-amd64} (what {@code .ci/install-java11} installs).
     */
    public Builder withJavaHome(Path javaHome) {
      this.javaHome = Objects.requireNonNull(javaHome, "javaHome");
      return this;
    }

    public EmbeddedCassandraCluster build() {
      return new EmbeddedCassandraCluster(this);
    }

    private static int requirePort(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
      }
      return port;
    }
  }

  /**
   * Stops one node gracefully (SIGTERM: it drains and tells the others it is going down), the others keep
   * running: a node taken down inside a live cluster. {@link #restart()} brings it back with its data.
   *
   * @param index the node's position, 0 for the first address
   */
  public void stopNode(int index) {
    nodes.get(index).stop();
  }
}
