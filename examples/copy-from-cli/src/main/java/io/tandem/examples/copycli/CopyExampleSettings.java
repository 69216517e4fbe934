package io.tandem.examples.copycli;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * Everything one run of the example needs, worked out from the command line ({@code --quick} already applied).
 *
 * @param source the source cluster's contact point, or {@code null} to start embedded clusters
 * @param target the target cluster's contact point, or {@code null} to start embedded clusters
 * @param datacenter the local data center of both clusters
 * @param keyspace the keyspace the example creates and fills
 * @param rows history rows loaded into the source
 * @param rowsPerSecond the copy's rate limit ({@code --max-rows-per-second})
 * @param interruptAtPercent share of token ranges the first copy finishes before it is stopped
 * @param signal how the first copy is stopped
 * @param runDirectory where this run's checkpoints and validation report go
 * @param workDirectory where embedded clusters keep their data and logs
 * @param heap heap of each embedded Cassandra node
 */
record CopyExampleSettings(
    InetSocketAddress source,
    InetSocketAddress target,
    String datacenter,
    String keyspace,
    int rows,
    int rowsPerSecond,
    int interruptAtPercent,
    StopSignal signal,
    Path runDirectory,
    Path workDirectory,
    String heap) {

  /** True when the example starts its own clusters. */
  boolean embedded() {
    return source == null;
  }

  /** The copy's {@code --checkpoint-dir}. */
  Path checkpointDirectory() {
    return runDirectory.resolve("checkpoints");
  }

  /** The validation's {@code --report-dir}. */
  Path reportDirectory() {
    return runDirectory.resolve("validation");
  }
}
