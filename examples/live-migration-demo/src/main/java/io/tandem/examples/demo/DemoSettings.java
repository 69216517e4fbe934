package io.tandem.examples.demo;

import io.tandem.validator.api.copy.TimestampStrategy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything one run of the demo needs, worked out from the command line ({@code --quick} already applied).
 *
 * @param source the source cluster's contact point, or {@code null} to start embedded clusters
 * @param target the target cluster's contact point, or {@code null} to start embedded clusters
 * @param datacenter the local data center of both clusters
 * @param keyspace the keyspace the demo creates and fills
 * @param rows history rows preloaded into the source, over both tables
 * @param viaProxy whether the application goes through an in-process proxy instead of a dual-write session
 * @param timestamps how the historical copy sets writetimes
 * @param applicationThreads threads of the synthetic application
 * @param phaseDuration how long the application runs on its own at the start and after each cutover step
 * @param splits token ranges the copy and the validations cut the ring into
 * @param driftRows rows of each kind of drift injected into the target
 * @param runDirectory where this run's reports and failed-write log go
 * @param workDirectory where embedded clusters keep their data and logs
 * @param heap heap of each embedded Cassandra node
 */
record DemoSettings(
    InetSocketAddress source,
    InetSocketAddress target,
    String datacenter,
    String keyspace,
    int rows,
    boolean viaProxy,
    TimestampStrategy timestamps,
    int applicationThreads,
    Duration phaseDuration,
    int splits,
    int driftRows,
    Path runDirectory,
    Path workDirectory,
    String heap) {

  /** True when the demo starts its own clusters. */
  boolean embedded() {
    return source == null;
  }

  /** Where the validation named {@code name} writes its ledger, summary and HTML report. */
  Path reportDirectory(String name) {
    return runDirectory.resolve(name);
  }

  /**
   * The migration this run creates in the control store: {@code live-demo-} and the run's date and time, so
   * that runs against the same real clusters do not collide.
   */
  String migrationId() {
    return "live-demo-" + runDirectory.getFileName().toString().replaceFirst("^run-", "");
  }

  Path failedWriteDirectory() {
    return runDirectory.resolve("failed-writes");
  }
}
