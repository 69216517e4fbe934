package io.tandem.examples.proxy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The Tandem proxy in front of two clusters, started from its command line; an application that knows only
 * the proxy's address; proof that both clusters hold the same rows and writetimes; reads switched to the
 * target through the admin endpoint. Exits with 0 when every check holds, 1 otherwise, 2 on a bad command
 * line.
 *
 * <p>Defaults: two embedded clusters (source 127.0.0.23, target 127.0.0.24, data center {@code datacenter1},
 * 1g heap each), the proxy on 127.0.0.23:29042 with its admin endpoint on 127.0.0.23:28000 (127.0.0.1 with
 * real clusters), 100 rows in the keyspace {@code tandem_proxy_example}.
 */
@Command(name = "proxy-in-front", sortOptions = false, usageHelpAutoWidth = true,
    description = {
        "Runs the Tandem proxy from its command line in front of a source and a target cluster, writes and reads "
            + "through it with a plain driver session, proves both clusters got the same rows and writetimes, "
            + "and switches reads to the target with POST /admin/read-side.",
        "Without --source and --target it starts two single-node clusters on 127.0.0.23 and 127.0.0.24."})
public final class ProxyInFrontExample implements Callable<Integer> {

  private static final String EMBEDDED_PROXY_HOST = ProxyExampleClusters.SOURCE_ADDRESS;
  private static final String LOCAL_HOST = "127.0.0.1";

  @Spec
  private CommandSpec spec;

  @Option(names = "--source", paramLabel = "HOST:PORT",
      description = "A real source cluster (plain CQL, no authentication), with --target: nothing is started.")
  private String source;

  @Option(names = "--target", paramLabel = "HOST:PORT", description = "A real target cluster, with --source.")
  private String target;

  @Option(names = "--datacenter", paramLabel = "DC", defaultValue = "datacenter1",
      description = "Local data center of both clusters (default: ${DEFAULT-VALUE}).")
  private String datacenter;

  @Option(names = "--proxy", paramLabel = "HOST:PORT", description = "Where the proxy listens for the "
      + "application (default: " + EMBEDDED_PROXY_HOST + ":29042 with the embedded clusters, " + LOCAL_HOST
      + ":29042 with --source/--target).")
  private String proxy;

  @Option(names = "--admin", paramLabel = "HOST:PORT", description = "Where the proxy serves /metrics and "
      + "/admin (default: " + EMBEDDED_PROXY_HOST + ":28000 with the embedded clusters, " + LOCAL_HOST
      + ":28000 with --source/--target).")
  private String admin;

  @Option(names = "--keyspace", paramLabel = "NAME", defaultValue = "tandem_proxy_example",
      description = "Keyspace created on both clusters unless it exists (default: ${DEFAULT-VALUE}).")
  private String keyspace;

  @Option(names = "--items", paramLabel = "COUNT", defaultValue = "100", description = "Rows the application writes (default: "
      + "${DEFAULT-VALUE}).")
  private int items;

  @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "1g",
      description = "Heap of each embedded Cassandra node (default: ${DEFAULT-VALUE}).")
  private String heap;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  /** Runs the example; see {@code --help}. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ProxyInFrontExample()).execute(args));
  }

  @Override
  public Integer call() {
    return new ProxyExampleRun(settings()).run();
  }

  /** The command line, checked, with the defaults that depend on it applied. */
  ProxyExampleSettings settings() {
    if ((source == null) != (target == null)) {
      throw new ParameterException(spec.commandLine(), "give both --source and --target, or neither");
    }
    if (!keyspace.matches("[a-z][a-z0-9_]{0,47}")) {
      throw new ParameterException(spec.commandLine(), "--keyspace must be lower case letters, digits and _");
    }
    if (items < InventoryApplication.RECOUNT_EVERY) {
      throw new ParameterException(spec.commandLine(),
          "--items must be at least " + InventoryApplication.RECOUNT_EVERY);
    }
    boolean embedded = source == null;
    String proxyHost = embedded ? EMBEDDED_PROXY_HOST : LOCAL_HOST;
    return new ProxyExampleSettings(
        embedded ? null : address("--source", source),
        embedded ? null : address("--target", target),
        datacenter,
        address("--proxy", proxy != null ? proxy : proxyHost + ":29042"),
        address("--admin", admin != null ? admin : proxyHost + ":28000"),
        keyspace,
        items,
        heap,
        directory("tandem.example.work-directory", "target/embedded-cassandra"),
        directory("tandem.example.failed-write-log", "target/tandem-failed-writes"));
  }

  private InetSocketAddress address(String option, String value) {
    try {
      return HostAndPort.parse(option, value);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private static Path directory(String property, String fallback) {
    return Path.of(System.getProperty(property, fallback)).toAbsolutePath();
  }
}
