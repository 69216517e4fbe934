package io.tandem.examples.proxy;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.proxy.cli.TandemProxyCli;
import io.tandem.testkit.CassandraStartupException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the example, in order: clusters, schema on each, the proxy from its command line, the
 * application through the proxy, the proof on each cluster, a few metrics, the read switch, the reads again;
 * then everything started is stopped, and the summary and verdict are printed.
 */
final class ProxyExampleRun {

  private static final Logger LOG = LoggerFactory.getLogger(ProxyExampleRun.class);
  private static final Duration PROXY_START_TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> SHOWN_METRICS = List.of("tandem_proxy_requests_total",
      "tandem_mirror_writes_total", "tandem_request_latency_seconds_count", "tandem_failed_writes_pending");
  private static final String READ_LATENCY = "tandem_request_latency_seconds_count";

  private final ProxyExampleSettings settings;
  private final UUID runId = UUID.randomUUID();
  private final Map<SummaryLine, String> summary = new EnumMap<>(SummaryLine.class);
  private final List<String> problems = new ArrayList<>();

  /** The lines of the summary, in the order printed. */
  private enum SummaryLine { CLUSTERS, PROXY, APPLICATION, CLUSTERS_COMPARED }

  ProxyExampleRun(ProxyExampleSettings settings) {
    this.settings = settings;
  }

  /** Runs the example; returns the exit code: 0 when every check held, 1 otherwise. */
  int run() {
    long started = System.nanoTime();
    try (ProxyExampleClusters clusters = clusters();
        CqlSession source = clusters.connectToSource();
        CqlSession target = clusters.connectToTarget()) {
      ExampleSchema.create(source, settings.keyspace(), clusters.datacenter());
      ExampleSchema.create(target, settings.keyspace(), clusters.datacenter());
      LOG.info("Created {}.{} on each cluster directly (not through the proxy)", settings.keyspace(),
          ExampleSchema.TABLE);
      summary.put(SummaryLine.CLUSTERS, "clusters     source " + HostAndPort.format(clusters.source()) + ", target "
          + HostAndPort.format(clusters.target()) + (clusters.embedded() ? " (embedded, stopped at the end)" : ""));
      throughTheProxy(clusters, source, target);
    } catch (RuntimeException e) {
      if (explained(e)) {
        LOG.error("Stopped: {}", message(e));
        LOG.debug("Stopped", e);
      } else {
        LOG.error("Stopped by an unexpected error: {}", message(e), e);
      }
      problems.add(message(e));
    }
    printSummary(Duration.ofNanos(System.nanoTime() - started));
    return problems.isEmpty() ? 0 : 1;
  }

  private ProxyExampleClusters clusters() {
    if (!settings.embedded()) {
      LOG.info("Using the clusters given: source {}, target {} (data center {})",
          HostAndPort.format(settings.source()), HostAndPort.format(settings.target()), settings.datacenter());
      return ProxyExampleClusters.external(settings.source(), settings.target(), settings.datacenter());
    }
    LOG.info("Starting two Cassandra clusters: source on {}, target on {} (about 30 s; data and logs in {})",
        ProxyExampleClusters.SOURCE_ADDRESS, ProxyExampleClusters.TARGET_ADDRESS, relative(settings.workDirectory()));
    return ProxyExampleClusters.startEmbedded(settings.workDirectory(), settings.heap());
  }

  private void throughTheProxy(ProxyExampleClusters clusters, CqlSession source, CqlSession target) {
    ProxyArguments commandLine = ProxyArguments.of(clusters.source(), clusters.target(), settings.proxy(),
        settings.admin(), relative(settings.failedWriteLog()));
    LOG.info("Starting the proxy as you would next to your own clusters, from the repository root:\n\n    {}\n\n"
            + "  Here it runs with the same arguments in a child JVM that stops with this example: java {} -cp "
            + "<this example's class path> {} <arguments>, which calls the jar's main class, {}",
        commandLine.userCommand(), ProxyChildProcess.HEAP, ProxyChildProcessMain.class.getName(),
        TandemProxyCli.class.getName());
    ProxyChildProcess proxy = ProxyChildProcess.start(commandLine, PROXY_START_TIMEOUT);
    try (CqlSession application = clusters.sessionBuilder(settings.proxy()).build()) {
      LOG.info("The application connected to {} only, with a plain driver-4 CqlSession",
          HostAndPort.format(settings.proxy()));
      applicationAndProof(new InventoryApplication(application, settings.keyspace(), runId), source, target);
    } finally {
      LOG.info("Stopping the proxy");
      proxy.close();
      summary.put(SummaryLine.PROXY, "proxy        " + HostAndPort.format(settings.proxy()) + ", admin http://"
          + HostAndPort.format(settings.admin()) + " (child JVM, pid " + proxy.pid() + ", exited with code "
          + proxy.exitCode() + ")");
    }
  }

  private void applicationAndProof(InventoryApplication application, CqlSession source, CqlSession target) {
    int recounted = application.write(settings.items());
    InventoryApplication.Reads fromSource = application.readBack();
    LOG.info("The application wrote {} rows (prepared INSERT), recounted {} (simple UPDATE with "
        + "currentTimestamp()), and read them back: {}", settings.items(), recounted, describe(fromSource));
    check(fromSource.allEqual(), "reads through the proxy before the switch: " + describe(fromSource));

    ClusterComparison proof = ClusterComparison.of(source, target, settings.keyspace(), runId);
    LOG.info("Asked each cluster directly: source {} rows, target {} rows, {} equal in value, counted_at, "
        + "WRITETIME(product) and WRITETIME(quantity) -> {}", proof.sourceRows(), proof.targetRows(),
        proof.equalRows(), proof.equal() ? "EQUAL" : "DIFFERENT (items " + proof.differing() + ")");
    if (proof.example() != null) {
      ClusterComparison.RowImage row = proof.example();
      LOG.info("  e.g. item {}: quantity {}, counted_at {}, WRITETIME(quantity) {} on both", row.item(),
          row.quantity(), row.countedAt(), row.quantityWritetime());
    }
    check(proof.equal() && proof.sourceRows() == settings.items(), "the clusters hold " + proof.sourceRows()
        + " and " + proof.targetRows() + " rows of this run, " + proof.equalRows() + " equal");
    summary.put(SummaryLine.CLUSTERS_COMPARED, "both sides   " + proof.sourceRows() + " rows on the source, "
        + proof.targetRows() + " on the target, " + proof.equalRows() + " equal with their writetimes");

    AdminClient admin = new AdminClient(settings.admin());
    AdminClient.Metrics before = admin.metrics();
    LOG.info("A few lines of {}:\n{}", admin.url("/metrics"), indent(before.lines(SHOWN_METRICS)));
    double targetReadsBefore = before.value(READ_LATENCY, "kind=\"read\"", "side=\"target\"");
    double pending = before.value("tandem_failed_writes_pending");
    check(pending == 0, (long) pending + " writes are waiting in the failed-write log");

    String path = AdminClient.readSidePath("target");
    LOG.info("Switching reads to the target: curl -s -X POST '{}'", admin.url(path));
    LOG.info("  -> {}", admin.routeReadsTo("target").strip());
    InventoryApplication.Reads fromTarget = application.readBack();
    double targetReads = admin.metrics().value(READ_LATENCY, "kind=\"read\"", "side=\"target\"") - targetReadsBefore;
    LOG.info("The application read the rows again, unchanged, through the same session: {}; reads answered by "
        + "the target since the switch: {}", describe(fromTarget), (long) targetReads);
    check(fromTarget.allEqual(), "reads through the proxy after the switch: " + describe(fromTarget));
    check(targetReads >= fromTarget.expected(), "only " + (long) targetReads + " reads reached the target after "
        + "the switch");
    summary.put(SummaryLine.APPLICATION, "application  " + settings.items() + " rows written, " + recounted
        + " recounted; read back " + describe(fromSource) + " from the source, " + describe(fromTarget)
        + " from the target");
  }

  private void check(boolean holds, String problem) {
    if (!holds) {
      LOG.error("Check failed: {}", problem);
      problems.add(problem);
    }
  }

  private void printSummary(Duration took) {
    StringBuilder text = new StringBuilder("Summary (" + took.toSeconds() + " s)");
    summary.values().forEach(line -> text.append("\n  ").append(line));
    LOG.info("{}", text);
    if (problems.isEmpty()) {
      LOG.info("SUCCESS: the application wrote through the proxy only, both clusters hold the same rows with the "
          + "same writetimes, and reads moved to the target without a restart");
    } else {
      LOG.error("FAILED: {}", String.join("; ", problems));
    }
  }

  private static String describe(InventoryApplication.Reads reads) {
    return reads.equal() + "/" + reads.expected() + " equal";
  }

  private static String indent(List<String> lines) {
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append("    ").append(line).append('\n'));
    return text.toString().stripTrailing();
  }

  /** {@code path} relative to the working folder when it is inside it, for shorter and copyable commands. */
  private static Path relative(Path path) {
    Path here = Path.of("").toAbsolutePath();
    return path.startsWith(here) ? here.relativize(path) : path;
  }

  /** Errors whose message says what happened (the example's own, the testkit's); others get a stack trace. */
  private static boolean explained(RuntimeException error) {
    return error instanceof IllegalStateException || error instanceof UncheckedIOException
        || error instanceof CassandraStartupException;
  }

  private static String message(Throwable error) {
    Throwable shown = error;
    while (shown.getMessage() == null && shown.getCause() != null) {
      shown = shown.getCause();
    }
    return shown.getMessage() != null ? shown.getMessage() : shown.getClass().getSimpleName();
  }
}
