package io.tandem.testkit.internal;

import io.tandem.testkit.CassandraStartupException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Cassandra node running in a forked JVM. Its folder holds the yaml, the data folders, {@code out.log}
 * (everything the JVM printed) and {@code pid}.
 */
public final class CassandraNodeProcess {

  private static final Logger LOG = LoggerFactory.getLogger(CassandraNodeProcess.class);
  private static final int GOSSIP_ATTEMPTS = 3;
  private static final int LOG_TAIL_LINES = 40;
  /**
   * Named, not referenced: javac would otherwise compile it again for Java 17, and 3.11's Java 11 could not load
   * it (the pom compiles it alone for Java 11).
   */
  private static final String LAUNCHER = "io.tandem.testkit.internal.ForkedCassandraMain";

  private final Path directory;
  private final CassandraConfiguration.NodeSettings settings;
  private final String heap;
  private final Duration startTimeout;
  private final List<String> extraJvmFlags;
  private final Supplier<CassandraRuntime> runtime;
  private volatile Process process;

  /**
   * @param runtime the Java, classpath and flags of the node's version, resolved by the cluster before any
   *     node starts
   */
  public CassandraNodeProcess(
      Path directory,
      CassandraConfiguration.NodeSettings settings,
      String heap,
      Duration startTimeout,
      List<String> extraJvmFlags,
      Supplier<CassandraRuntime> runtime) {
    this.directory = directory.toAbsolutePath();
    this.settings = settings;
    this.heap = heap;
    this.startTimeout = startTimeout;
    this.extraJvmFlags = List.copyOf(extraJvmFlags);
    this.runtime = runtime;
  }

  public Path logFile() {
    return directory.resolve("out.log");
  }

  public String address() {
    return settings.address();
  }

  public InetSocketAddress nativeAddress() {
    return new InetSocketAddress(settings.address(), settings.nativePort());
  }

  public boolean isRunning() {
    Process current = process;
    return current != null && current.isAlive();
  }

  public long pid() {
    Process current = process;
    if (current == null) {
      throw new IllegalStateException("node " + settings.address() + " was never started");
    }
    return current.pid();
  }

  /**
   * Starts the node and returns once it accepts CQL connections.
   *
   * @param wipeData whether to delete the data folders first (a fresh node) or keep them (a restart)
   */
  public synchronized void start(boolean wipeData) {
    if (isRunning()) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      launch(wipeData);
      try {
        awaitNativePort();
        return;
      } catch (CassandraStartupException e) {
        if (attempt == GOSSIP_ATTEMPTS || !gaveUpOnSeeds()) {
          throw e;
        }
        LOG.warn("Cassandra node {} heard from no seed within its shadow round (a busy machine): starting it again "
            + "({} of {})", nativeAddress(), attempt + 1, GOSSIP_ATTEMPTS);
      }
    }
  }

  private void launch(boolean wipeData) {
    try {
      Files.createDirectories(directory);
      stopStaleProcessFromEarlierRun();
      requirePortFree(settings.nativePort(), "native_transport_port");
      requirePortFree(settings.storagePort(), "storage_port");
      prepareFolders(wipeData);
      Path yaml = CassandraConfiguration.writeYaml(directory, settings);
      Path logback = CassandraConfiguration.writeLogback(directory);
      Files.writeString(logFile(), "", StandardCharsets.UTF_8);
      process = launch(yaml, logback);
      Files.writeString(directory.resolve("pid"), Long.toString(process.pid()));
      LOG.info("Starting Cassandra node {} (pid {}, log {})", nativeAddress(), process.pid(), logFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare node folder " + directory, e);
    }
  }

  /**
   * A joining node whose seeds did not answer its gossip shadow round within a second exits ("Unable to gossip
   * with any peers": the testkit's short ring delay bounds that round); on a loaded machine a seed can be that slow.
   */
  private boolean gaveUpOnSeeds() {
    try {
      return !process.isAlive()
          && Files.readString(logFile(), StandardCharsets.UTF_8).contains("Unable to gossip with any peers");
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops the node gracefully (SIGTERM, drain), killing it if it does not exit within 30 s. */
  public synchronized void stop() {
    Process current = process;
    if (current == null || !current.isAlive()) {
      return;
    }
    resume(); // a frozen JVM would not handle SIGTERM
    current.destroy();
    if (!waitForExit(current, Duration.ofSeconds(30))) {
      LOG.warn("Cassandra node {} did not stop within 30 s; killing it", nativeAddress());
      kill();
    }
  }

  /** Kills the node at once (SIGKILL), as a crash would. Data already in the commit log survives. */
  public synchronized void kill() {
    Process current = process;
    if (current != null && current.isAlive()) {
      current.destroyForcibly();
      waitForExit(current, Duration.ofSeconds(30));
    }
  }

  /** Freezes the node (SIGSTOP): its ports stay open but nothing answers, like a hung server. */
  public void suspend() {
    signal("STOP");
  }

  /** Resumes a node frozen by {@link #suspend()} (SIGCONT). */
  public void resume() {
    signal("CONT");
  }

  private Process launch(Path yaml, Path logback) throws IOException {
    CassandraRuntime server = runtime.get();
    List<String> command = new ArrayList<>();
    command.add(server.java().toString());
    command.add("-Xms" + heap);
    command.add("-Xmx" + heap);
    command.add("-Dcassandra.config=" + yaml.toUri());
    command.add("-Dlogback.configurationFile=" + logback.toUri());
    command.add("-Dcassandra.logdir=" + directory);
    command.add("-Dcassandra.storagedir=" + directory);
    command.add("-Dtandem.node.directory=" + directory);
    command.addAll(server.jvmFlags());
    command.addAll(extraJvmFlags);
    command.add("-cp");
    command.add(classpath(server));
    command.add(LAUNCHER);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.directory(directory.toFile());
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
    // stdin stays a pipe: ForkedCassandraMain exits when it closes, i.e. when this JVM is gone
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    return builder.start();
  }

  private static String classpath(CassandraRuntime server) {
    List<String> entries = new ArrayList<>();
    server.classpath().forEach(path -> entries.add(path.toString()));
    entries.add(launcherLocation());
    return String.join(File.pathSeparator, entries);
  }

  private static String launcherLocation() {
    try {
      return Path.of(CassandraNodeProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot locate the testkit classes for the forked JVM", e);
    }
  }

  private void awaitNativePort() {
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw failure("exited during startup with code " + process.exitValue());
      }
      if (acceptsConnections()) {
        LOG.info("Cassandra node {} is up", nativeAddress());
        return;
      }
      sleep(Duration.ofMillis(250));
    }
    kill();
    throw failure("did not open " + nativeAddress() + " within " + startTimeout.toSeconds() + " s; killed it");
  }

  private boolean acceptsConnections() {
    try (Socket socket = new Socket()) {
      socket.connect(nativeAddress(), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private CassandraStartupException failure(String what) {
    return new CassandraStartupException(
        "Cassandra node " + settings.address() + " " + what + ". Log: " + logFile()
            + "\n--- last lines of the log ---\n" + tailOfLog());
  }

  /** The last lines of the node's log, for error messages. */
  public String tailOfLog() {
    try {
      List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
      return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()).stream()
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return "(cannot read " + logFile() + ": " + e.getMessage() + ")";
    }
  }

  private void requirePortFree(int port, String yamlName) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(settings.address(), port));
    } catch (IOException e) {
      throw new CassandraStartupException(
          settings.address() + ":" + port + " (" + yamlName + ") is already in use by another process. "
              + "Stop that process, or give this node another address or port. Log: " + logFile());
    }
  }

  /** A test JVM that was killed cannot stop its nodes; the next run stops what it left behind. */
  private void stopStaleProcessFromEarlierRun() throws IOException {
    Path pidFile = directory.resolve("pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    String recorded = Files.readString(pidFile).strip();
    Files.delete(pidFile);
    Optional<ProcessHandle> stale;
    try {
      stale = ProcessHandle.of(Long.parseLong(recorded));
    } catch (NumberFormatException e) {
      return;
    }
    stale
        .filter(ProcessHandle::isAlive)
        .filter(handle -> handle.info().commandLine().orElse("").contains("-Dtandem.node.directory=" + directory))
        .ifPresent(
            handle -> {
              LOG.warn("Killing Cassandra pid {} left over from an earlier run in {}", handle.pid(), directory);
              handle.destroyForcibly();
              handle.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
  }

  private void prepareFolders(boolean wipeData) throws IOException {
    for (String folder : List.of("data", "commitlog", "saved_caches", "hints", "cdc_raw")) {
      Path path = directory.resolve(folder);
      if (wipeData) {
        deleteRecursively(path);
      }
      Files.createDirectories(path);
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(each);
      }
    }
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling node " + settings.address(), e);
    }
  }

  private static boolean waitForExit(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CassandraStartupException("interrupted while waiting for Cassandra to start");
    }
  }
}
