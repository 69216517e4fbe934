package io.tandem.examples.session;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.tandem.core.api.Side;
import io.tandem.core.api.control.MigrationState;
import io.tandem.driver.api.DualWriteCqlSession;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An order service migrating from one Cassandra cluster to another while it serves traffic. Its only
 * migration-specific code is {@link #openSession} (the session builder swap) and the three cutover calls.
 *
 * <p>With no arguments it starts two embedded clusters (source 127.0.0.21, target 127.0.0.22) and stops
 * them at the end; with {@code --source host:port --target host:port --datacenter dc} it uses real ones.
 * It exits with status 1 when the clusters do not end up identical or the application saw an error.
 */
public final class OrderServiceApplication {

  private static final Logger LOG = LoggerFactory.getLogger(OrderServiceApplication.class);
  private static final long PHASE_MILLIS = 4_000;

  private OrderServiceApplication() {}

  /** Entry point; see {@link ExampleOptions#USAGE}. */
  public static void main(String[] args) throws InterruptedException {
    if (Arrays.asList(args).contains("--help")) {
      System.out.println(ExampleOptions.USAGE);
      return;
    }
    ExampleOptions options;
    try {
      options = ExampleOptions.parse(Arrays.asList(args));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + ExampleOptions.USAGE);
      System.exit(2);
      return;
    }
    if (!run(options)) {
      LOG.error("FAILED: the clusters differ or the application saw errors (see above)");
      System.exit(1);
    }
    LOG.info("SUCCESS: both clusters hold the same data, cut over with 0 application errors");
  }

  /** Runs the whole demo; returns true when the proof holds. */
  static boolean run(ExampleOptions options) throws InterruptedException {
    Path workDirectory = Path.of(System.getProperty("tandem.example.work-directory", "target/embedded-cassandra"));
    try (EmbeddedClusters clusters = options.embedded() ? EmbeddedClusters.start(workDirectory) : null) {
      CqlSessionBuilder source = clusters != null ? clusters.sourceSessionBuilder()
          : CqlSession.builder().addContactPoint(options.source().toAddress())
              .withLocalDatacenter(options.datacenter());
      CqlSessionBuilder target = clusters != null ? clusters.targetSessionBuilder()
          : CqlSession.builder().addContactPoint(options.target().toAddress())
              .withLocalDatacenter(options.datacenter());
      try (DualWriteCqlSession session = openSession(source, target)) {
        return migrate(session);
      }
    }
  }

  /**
   * The one change the application makes to migrate. Before, this method read:
   *
   * <pre>{@code return source.build();}</pre>
   */
  static DualWriteCqlSession openSession(CqlSessionBuilder source, CqlSessionBuilder target) {
    return DualWriteCqlSession.builder().withSource(source).withTarget(target).build();
  }

  private static boolean migrate(DualWriteCqlSession session) throws InterruptedException {
    Config settings = ConfigFactory.load();
    LOG.info("Connected to both clusters. tandem.mirror.mode = {}, tandem.session.shadow-reads.ratio = {},"
        + " failed-write log in {}", settings.getString("tandem.mirror.mode"),
        settings.getDouble("tandem.session.shadow-reads.ratio"),
        Path.of(settings.getString("tandem.mirror.failed-write-log.directory")).toAbsolutePath());
    OrderRepository.createSchema(session);
    OrderRepository orders = new OrderRepository(session);
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> customers = IntStream.range(0, 10).mapToObj(i -> "customer-" + run + "-" + i).toList();

    Workload workload = Workload.start(orders, customers, 2);
    try {
      runFor(workload, "Writes go to both clusters, reads to the source", state(session.migration().state()));
      runFor(workload, "Cutover step 1: reads move to the target",
          state(session.migration().routeReadsTo(Side.TARGET)));
      runFor(workload, "Cutover step 2: the target becomes primary, the source gets the copies",
          state(session.migration().makePrimary(Side.TARGET)));
      workload.stopWriting();
      LOG.info("Writers done ({}); both clusters must now agree", workload.summary());
      runFor(workload, "Cutover step 3: the source is retired - writes would go to the target only",
          state(session.migration().stopMirroring()));
    } finally {
      workload.stop();
    }
    LOG.info("Workload finished: {}", workload.summary());
    return MigrationProof.check(session, customers, workload.placedOrders(), workload.errors());
  }

  private static void runFor(Workload workload, String step, String state) throws InterruptedException {
    LOG.info("== {} [{}]", step, state);
    for (long waited = 0; waited < PHASE_MILLIS; waited += 1_000) {
      Thread.sleep(1_000);
      LOG.info("   {}", workload.summary());
    }
  }

  private static String state(MigrationState state) {
    return "reads: " + state.readSide() + ", primary: " + state.primary() + ", mirroring: "
        + (state.mirroring() ? "on (" + state.defaultMode() + ")" : "off");
  }
}
