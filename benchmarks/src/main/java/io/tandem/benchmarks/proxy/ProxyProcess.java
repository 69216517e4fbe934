package io.tandem.benchmarks.proxy;

import io.tandem.benchmarks.MirrorMeters;
import io.tandem.benchmarks.Processes;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.cli.TandemProxyCli;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A proxy started from its command line ({@link TandemProxyCli}) in a JVM of its own, on the harness's class
 * path, with a fixed heap ({@code -Xms} = {@code -Xmx}, G1) and any extra JVM options, clients on a free port of the listen address and its
 * metrics and admin endpoint on another. Its output goes to {@code <name>.log}, its {@code --config} file is
 * {@code <name>.conf}, both in the folder given.
 *
 * <p>Closing stops it (SIGTERM: it drains and exits), killing it after {@value #STOP_TIMEOUT_SECONDS} s; a
 * shutdown hook does the same should the harness exit first (Ctrl-C, an error). A proxy left behind by a harness
 * that was killed outright ({@code kill -9}) is killed by the next run ({@link #killLeftovers}).
 */
public final class ProxyProcess implements ProxyUnderTest {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyProcess.class);
  private static final Pattern LISTENING = Pattern.compile(
      "^Tandem proxy listening on \\[?(.+?)]?:(\\d+) \\(.*\\), metrics on http://\\[?(.+?)]?:(\\d+)/metrics$");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final long STOP_TIMEOUT_SECONDS = 30;
  private static final Duration METER_POLL_INTERVAL = Duration.ofMillis(20);
  /** Replaced by the scenario's name in extra JVM options, so that each proxy writes its own JFR or GC file. */
  static final String NAME_PLACEHOLDER = "{name}";

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();
  private InetSocketAddress address;
  private AdminEndpoint admin;
  private MirrorMeters meters;

  private ProxyProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.shutdownHook = new Thread(this::stop, "proxy-process-stop-" + name);
  }

  /**
   * The JVM flags of every proxy process: a fixed heap, G1, then the extra options (which win, being last).
   *
   * @param heap {@code -Xms} and {@code -Xmx}, for example {@code 512m}
   * @param extraOptions more JVM options, for example {@code -XX:StartFlightRecording=...}; may be empty
   */
  static List<String> jvmFlags(String heap, List<String> extraOptions) {
    List<String> flags = new ArrayList<>(List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+UseG1GC"));
    flags.addAll(extraOptions);
    return flags;
  }

  /**
   * Starts the proxy {@code config} describes and returns once it listens.
   *
   * @param folder where its output and config file go
   * @param commandPrefix what the command line starts with, such as {@code taskset --cpu-list 1}; may be empty
   * @throws IllegalStateException when it exits first or does not listen within 90 s (its output says why); it
   *     is stopped then
   */
  static ProxyProcess start(String name, ProxyConfig config, Path folder, String heap, List<String> extraOptions,
      List<String> commandPrefix) {
    folder = folder.toAbsolutePath().normalize();
    Path configFile = folder.resolve(name + ".conf");
    Path log = folder.resolve(name + ".log");
    List<String> command = new ArrayList<>(commandPrefix);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags(heap, extraOptions).stream().map(option -> option.replace(NAME_PLACEHOLDER, name))
        .toList());
    command.addAll(List.of("-cp", classPath(), TandemProxyCli.class.getName()));
    command.addAll(ProxyCommandLine.arguments(config, configFile));
    ProxyProcess proxy;
    try {
      Files.createDirectories(folder);
      Files.writeString(configFile, ProxyCommandLine.configFile(config));
      proxy = new ProxyProcess(name, new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start a JVM for the proxy " + name + ": " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(proxy.shutdownHook);
    try {
      proxy.awaitListening();
      LOG.info("Proxy {} runs in its own JVM (pid {}): clients on {}, admin on {}, output in {}", name, proxy.pid(),
          proxy.address, proxy.admin, log);
      return proxy;
    } catch (RuntimeException e) {
      proxy.close();
      throw e;
    }
  }

  /** Kills the proxy processes an earlier run of the harness left behind: those whose config file is in {@code folder}. */
  static void killLeftovers(Path folder) {
    String marker = folder.toAbsolutePath().normalize() + File.separator;
    ProcessHandle.allProcesses()
        .filter(process -> process.pid() != ProcessHandle.current().pid())
        .filter(process -> {
          String commandLine = Processes.commandLine(process);
          return commandLine.contains(TandemProxyCli.class.getName()) && commandLine.contains(marker);
        })
        .forEach(process -> {
          LOG.warn("Killing a proxy process an earlier run left behind (pid {})", process.pid());
          process.destroyForcibly();
        });
  }

  private void awaitListening() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<Matcher> listening = outputLines().stream().map(LISTENING::matcher).filter(Matcher::matches)
          .findFirst();
      if (listening.isPresent()) {
        Matcher line = listening.get();
        address = new InetSocketAddress(line.group(1), Integer.parseInt(line.group(2)));
        admin = new AdminEndpoint(new InetSocketAddress(line.group(3), Integer.parseInt(line.group(4))));
        meters = new MirrorMeters(admin::metrics, METER_POLL_INTERVAL);
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("The proxy " + name + " exited with code " + process.exitValue()
            + " before it listened: " + lastLines() + " (all of its output: " + log + ")");
      }
      sleep(100);
    }
    throw new IllegalStateException("The proxy " + name + " did not listen within " + START_TIMEOUT.toSeconds()
        + " s: " + lastLines() + " (all of its output: " + log + ")");
  }

  private List<String> outputLines() {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException notYetOrUnreadable) {
      return List.of();
    }
  }

  private String lastLines() {
    List<String> lines = outputLines();
    return lines.subList(Math.max(0, lines.size() - 5), lines.size()).stream().collect(Collectors.joining(" | "));
  }

  /** The proxy's JVM, for its CPU time. */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  public long pid() {
    return process.pid();
  }

  /** {@code GET /metrics} of the proxy, parsed. */
  public PrometheusText metrics() {
    return admin.metrics();
  }

  @Override
  public InetSocketAddress address() {
    return address;
  }

  @Override
  public MirrorMeters meters() {
    return meters;
  }

  @Override
  public void stopMirroring() {
    admin.stopMirroring();
  }

  @Override
  public String state() {
    return admin.state();
  }

  @Override
  public Optional<ProxyProcess> process() {
    return Optional.of(this);
  }

  /** Stops the proxy: SIGTERM, then SIGKILL after 30 s; waits until its JVM is gone. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook runs or is about to: it stops the proxy as well
    }
    stop();
    LOG.info("Proxy {} (pid {}) stopped, exit code {}", name, pid(), process.isAlive() ? "none" : process.exitValue());
  }

  private void stop() {
    if (!process.isAlive()) {
      return;
    }
    try {
      process.destroy();
      if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("The proxy {} (pid {}) did not stop within {} s; killing it", name, pid(), STOP_TIMEOUT_SECONDS);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** This JVM's class path with absolute entries, so that the child finds it from any folder. */
  private static String classPath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the proxy to start", e);
    }
  }

  @Override
  public String toString() {
    return "proxy " + name + " (pid " + pid() + ")";
  }
}
