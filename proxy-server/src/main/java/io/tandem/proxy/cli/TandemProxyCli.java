package io.tandem.proxy.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.tandem.core.api.Side;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.api.TandemProxy;
import io.tandem.proxy.internal.config.ProxyConfigReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code tandem-proxy SOURCE TARGET [options]}: the dual-write CQL proxy from the command line, a drop-in for
 * Azure's cassandra-proxy command lines. Settings come from the flags, then the {@code --config} file, then
 * {@code -D} system properties (and an {@code application.conf}), then the proxy's own mirror default ({@link
 * ProxyConfig#MIRROR_DEFAULTS}), then the defaults in {@code reference.conf} (clients on {@code 0.0.0.0:29042},
 * TLS to both clusters on, SYNC mirroring, reads from the source, metrics and admin on {@code 127.0.0.1:28000}).
 *
 * <p>Bad input prints one line {@code tandem-proxy: ...} on stderr and exits with 2; a failed start exits
 * with 1. Once started it runs until the JVM is asked to stop (SIGTERM, Ctrl-C), then closes the proxy.
 */
@Command(name = "tandem-proxy", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
    sortOptions = false, usageHelpAutoWidth = true,
    customSynopsis = {"tandem-proxy SOURCE TARGET [OPTIONS]",
        "       tandem-proxy --config FILE [SOURCE] [TARGET] [OPTIONS]"},
    parameterListHeading = "%nArguments:%n", optionListHeading = "%nOptions:%n",
    description = {"Dual-write CQL proxy for live Cassandra migrations: clients connect to the proxy with any "
        + "driver; reads go to one cluster, writes to both.",
        "Accepts the flags of Azure's cassandra-proxy. Every setting can also come from --config FILE "
            + "(tandem.proxy, tandem.mirror and tandem.control sections); flags win."})
public final class TandemProxyCli implements Callable<Integer> {

  static {
    // before the first logger exists: the command line's logging, unless the user named a configuration
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "tandem-proxy-logback.xml");
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(TandemProxyCli.class);
  private static final String NAME = "tandem-proxy";

  @Parameters(index = "0", arity = "0..1", paramLabel = "SOURCE",
      description = "Source cluster: host, host:port or host1,host2 (contact points).")
  String source;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TARGET",
      description = "Target cluster: host, host:port or host1,host2.")
  String target;

  @Option(names = "--config", paramLabel = "FILE", order = 1,
      description = "HOCON, JSON or .properties file with tandem.proxy, tandem.mirror and tandem.control settings.")
  Path configFile;

  @Option(names = "--debug", arity = "0..1", fallbackValue = "true", paramLabel = "true|false", order = 2,
      description = "Log at DEBUG level (default false).")
  Boolean debug;

  @ArgGroup(exclusive = false, validate = false, heading = "%nClusters:%n", order = 10)
  ClusterOptions clusters = new ClusterOptions();

  @ArgGroup(exclusive = false, validate = false, heading = "%nProxy:%n", order = 20)
  ProxyOptions proxy = new ProxyOptions();

  @ArgGroup(exclusive = false, validate = false, heading = "%nDual writes:%n", order = 30)
  MirrorOptions mirror = new MirrorOptions();

  @ArgGroup(exclusive = false, validate = false, heading = "%nControl plane:%n", order = 35)
  ControlOptions control = new ControlOptions();

  @ArgGroup(exclusive = false, validate = false,
      heading = "%nAccepted for compatibility with Azure's cassandra-proxy:%n", order = 40)
  AzureOptions azure = new AzureOptions();

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    int exitCode = commandLine().execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  /** The command line with the proxy's error handling: one line on stderr, exit 2 for bad input, 1 otherwise. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new TandemProxyCli());
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler(TandemProxyCli::badInput);
    commandLine.setExecutionExceptionHandler((error, line, parseResult) -> {
      LOG.debug("Start-up failed", error);
      line.getErr().println(NAME + ": could not start the proxy: " + ProxyConfigReader.oneLine(message(error)));
      line.getErr().flush();
      return 1;
    });
    return commandLine;
  }

  /**
   * The proxy's configuration from the flags, the {@code --config} file and the defaults, checked (keystores
   * and truststores opened, both-or-neither credentials) but without connecting anywhere.
   *
   * @throws IllegalArgumentException bad input, with a one-line message naming the flag or setting
   */
  public ProxyConfig toConfig() {
    return settings().proxy();
  }

  /** The configuration and the initial read side. */
  ProxySettings settings() {
    Overrides overrides = overrides();
    try {
      Config config = effectiveConfig(overrides);
      return checked(new ProxySettings(ProxyConfigReader.read(config, Settings::flag),
          ProxyConfigReader.readSide(config, Settings::flag)));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(ProxyConfigReader.oneLine(e.getMessage()), e);
    }
  }

  /** A followed migration decides where reads go: a read side given as well would be overridden at once. */
  private static ProxySettings checked(ProxySettings settings) {
    String migration = settings.proxy().control().migrationId();
    if (migration != null && settings.readSide() != Side.SOURCE) {
      throw new IllegalArgumentException("--read-side (tandem.proxy.read-side) cannot be used with --migration "
          + migration + ": the migration's phase decides where reads go; drop --read-side and move the migration "
          + "with `tandem migrate advance " + migration + "`");
    }
    return settings;
  }

  /** Warnings about flags accepted only for compatibility, one per flag given. */
  List<String> warnings() {
    return overrides().warnings();
  }

  @Override
  public Integer call() throws InterruptedException {
    ProxySettings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    warnings().forEach(LOG::warn);
    if (Boolean.TRUE.equals(debug)) {
      DebugLogging.enable();
    }
    TandemProxy running = TandemProxy.start(settings.proxy());
    if (settings.readSide() != Side.SOURCE) {
      running.control().routeReadsTo(settings.readSide());
    }
    spec.commandLine().getOut().println(listening(running.address(), settings.proxy(), running.adminAddress()));
    spec.commandLine().getOut().flush();
    awaitShutdown(running);
    return 0;
  }

  /** {@code Tandem proxy listening on HOST:PORT (source ..., target ...), metrics on ...}; never a password. */
  static String listening(InetSocketAddress address, ProxyConfig config, InetSocketAddress admin) {
    return "Tandem proxy listening on " + hostAndPort(address) + " (source " + describe(config.source())
        + ", target " + describe(config.target()) + "), metrics on "
        + (admin == null ? "nothing (--metrics false)" : "http://" + hostAndPort(admin) + "/metrics");
  }

  private Overrides overrides() {
    Overrides overrides = new Overrides();
    overrides.set(Settings.SOURCE.contactPoints(), source);
    overrides.set(Settings.TARGET.contactPoints(), target);
    clusters().addTo(overrides);
    proxy().addTo(overrides);
    mirror().addTo(overrides);
    control().addTo(overrides);
    azure().addTo(overrides);
    return overrides;
  }

  /**
   * First wins: flags, the {@code --config} file, {@code -D} system properties, an {@code application.conf}
   * (or {@code -Dconfig.file}), the proxy's own defaults, {@code reference.conf}. A value the user gave
   * anywhere beats the proxy's defaults.
   */
  private Config effectiveConfig(Overrides overrides) {
    return ConfigFactory.parseMap(overrides.values(), "command line")
        .withFallback(configFile())
        .withFallback(ConfigFactory.defaultOverrides())
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(ProxyConfig.MIRROR_DEFAULTS)
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  private Config configFile() {
    if (configFile == null) {
      return ConfigFactory.empty();
    }
    if (!Files.isRegularFile(configFile) || !Files.isReadable(configFile)) {
      throw new IllegalArgumentException("--config: cannot read " + configFile + " (no such file, or not readable)");
    }
    try {
      return ConfigFactory.parseFile(configFile.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("--config: " + ProxyConfigReader.oneLine(e.getMessage()), e);
    }
  }

  // an ArgGroup field stays null when none of its options is given on some picocli paths
  private ClusterOptions clusters() {
    return clusters != null ? clusters : new ClusterOptions();
  }

  private ProxyOptions proxy() {
    return proxy != null ? proxy : new ProxyOptions();
  }

  private MirrorOptions mirror() {
    return mirror != null ? mirror : new MirrorOptions();
  }

  private ControlOptions control() {
    return control != null ? control : new ControlOptions();
  }

  private AzureOptions azure() {
    return azure != null ? azure : new AzureOptions();
  }

  private static void awaitShutdown(TandemProxy running) throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        running.close();
      } finally {
        closed.countDown();
      }
    }, "tandem-proxy-shutdown"));
    closed.await();
  }

  private static int badInput(ParameterException error, String[] args) {
    PrintWriter err = error.getCommandLine().getErr();
    String hint = "";
    if (error instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
      List<String> suggestions = unmatched.getSuggestions();
      hint = "; did you mean " + String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))) + "?";
    }
    err.println(NAME + ": " + ProxyConfigReader.oneLine(error.getMessage()) + hint + " (see --help)");
    err.flush();
    return 2;
  }

  private static String message(Throwable error) {
    Throwable shown = error;
    while (shown.getMessage() == null && shown.getCause() != null) {
      shown = shown.getCause();
    }
    return shown.getMessage() != null ? shown.getMessage() : shown.getClass().getSimpleName();
  }

  private static String describe(ClusterEndpoint endpoint) {
    return endpoint.contactPoints().stream().map(TandemProxyCli::hostAndPort).collect(Collectors.joining(","))
        + (endpoint.tls() ? " with TLS" : "") + (endpoint.hasCredentials() ? " as " + endpoint.username() : "");
  }

  private static String hostAndPort(InetSocketAddress address) {
    String host = address.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
