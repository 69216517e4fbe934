package io.tandem.benchmarks;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import io.tandem.testkit.EmbeddedCassandraCluster;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source and the target cluster the harness drives: either two single-node Cassandra clusters it
 * starts itself (in forked JVMs, through the testkit) and stops on {@link #close()}, or two existing
 * clusters given by address.
 */
public final class BenchmarkClusters implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BenchmarkClusters.class);

  /** Loopback address of the embedded source; the test suite uses 127.0.0.1 and .2, so these stay clear. */
  public static final String EMBEDDED_SOURCE_ADDRESS = "127.0.0.11";
  public static final String EMBEDDED_TARGET_ADDRESS = "127.0.0.12";

  private static final int DEFAULT_PORT = 9042;
  private static final String SOURCE_NAME = "bench-source";

  private final InetSocketAddress source;
  private final InetSocketAddress target;
  private final String sourceDatacenter;
  private final String targetDatacenter;
  private final String description;
  private final List<EmbeddedCassandraCluster> embedded;
  private final Path workDirectory;

  private BenchmarkClusters(InetSocketAddress source, InetSocketAddress target, String sourceDatacenter,
      String targetDatacenter, String description, List<EmbeddedCassandraCluster> embedded, Path workDirectory) {
    this.source = source;
    this.target = target;
    this.sourceDatacenter = sourceDatacenter;
    this.targetDatacenter = targetDatacenter;
    this.description = description;
    this.embedded = embedded;
    this.workDirectory = workDirectory;
  }

  /**
   * Starts a source on {@value #EMBEDDED_SOURCE_ADDRESS} and a target on {@value #EMBEDDED_TARGET_ADDRESS},
   * in parallel, with fresh data under {@code workDirectory}.
   */
  public static BenchmarkClusters startEmbedded(Path workDirectory, String heap) {
    return startEmbedded(workDirectory, heap, EMBEDDED_SOURCE_ADDRESS, EMBEDDED_TARGET_ADDRESS);
  }

  /**
   * Starts a source and a target on the given loopback addresses, in parallel, with fresh data under {@code
   * workDirectory}. Harnesses that may run at the same time each use their own pair of addresses (and work
   * directory), so that their nodes do not collide.
   */
  public static BenchmarkClusters startEmbedded(Path workDirectory, String heap, String sourceAddress,
      String targetAddress) {
    LOG.info("Starting the embedded source ({}) and target ({}) clusters under {}", sourceAddress, targetAddress,
        workDirectory);
    EmbeddedCassandraCluster source = embeddedCluster(SOURCE_NAME, sourceAddress, workDirectory, heap);
    EmbeddedCassandraCluster target = embeddedCluster("bench-target", targetAddress, workDirectory, heap);
    // not the common pool: on a two-core machine it has a single thread and would start them one by one
    ExecutorService starter = Executors.newFixedThreadPool(2);
    try {
      CompletableFuture<EmbeddedCassandraCluster> sourceStart =
          CompletableFuture.supplyAsync(source::start, starter);
      CompletableFuture<EmbeddedCassandraCluster> targetStart =
          CompletableFuture.supplyAsync(target::start, starter);
      CompletableFuture.allOf(sourceStart, targetStart).exceptionally(ignored -> null).join();
      if (sourceStart.isCompletedExceptionally() || targetStart.isCompletedExceptionally()) {
        source.close();
        target.close();
        throw failureOf(sourceStart.isCompletedExceptionally() ? sourceStart : targetStart);
      }
    } finally {
      starter.shutdown();
    }
    String datacenter = EmbeddedCassandraCluster.DATACENTER;
    return new BenchmarkClusters(source.contactPoints().get(0), target.contactPoints().get(0), datacenter,
        datacenter, "two embedded single-node Apache Cassandra clusters (forked JVMs, heap " + heap
            + " each) on " + sourceAddress + " and " + targetAddress + ", same machine",
        List.of(source, target), workDirectory);
  }

  /** Two existing clusters, each given as {@code host[:port]} (port 9042 when left out). */
  public static BenchmarkClusters connectTo(String source, String target, String sourceDatacenter,
      String targetDatacenter) {
    return new BenchmarkClusters(address(source), address(target), sourceDatacenter, targetDatacenter,
        "existing clusters: source " + source + " (" + sourceDatacenter + "), target " + target + " ("
            + targetDatacenter + ")",
        List.of(), null);
  }

  private static EmbeddedCassandraCluster embeddedCluster(String name, String address, Path workDirectory,
      String heap) {
    return EmbeddedCassandraCluster.builder()
        .withClusterName(name)
        .withFirstAddress(address)
        .withHeap(heap)
        .withWorkDirectory(workDirectory)
        .build();
  }

  private static RuntimeException failureOf(CompletableFuture<?> failed) {
    try {
      failed.join();
      return new IllegalStateException("unreachable");
    } catch (CompletionException e) {
      return e.getCause() instanceof RuntimeException runtime ? runtime : e;
    }
  }

  static InetSocketAddress address(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    if (colon < 0) {
      return new InetSocketAddress(hostAndPort, DEFAULT_PORT);
    }
    return new InetSocketAddress(hostAndPort.substring(0, colon),
        Integer.parseInt(hostAndPort.substring(colon + 1)));
  }

  /** The Cassandra release the session's node reports. */
  public static String releaseVersion(CqlSession session) {
    var row = session.execute("SELECT release_version FROM system.local").one();
    return row == null ? "unknown" : row.getString("release_version");
  }

  /** A new driver session builder for the source: contact point and local data center set. */
  public CqlSessionBuilder sourceSessionBuilder() {
    return CqlSession.builder().addContactPoint(source).withLocalDatacenter(sourceDatacenter);
  }

  public CqlSessionBuilder targetSessionBuilder() {
    return CqlSession.builder().addContactPoint(target).withLocalDatacenter(targetDatacenter);
  }

  /** The source's contact point. */
  public InetSocketAddress sourceAddress() {
    return source;
  }

  /** The target's contact point. */
  public InetSocketAddress targetAddress() {
    return target;
  }

  public String sourceDatacenter() {
    return sourceDatacenter;
  }

  public String targetDatacenter() {
    return targetDatacenter;
  }

  public boolean isEmbedded() {
    return !embedded.isEmpty();
  }

  /**
   * The JVM of the embedded source's node, found among this JVM's child processes by its folder; empty for
   * existing clusters or when the system does not list command lines.
   */
  public Optional<ProcessHandle> sourceNodeProcess() {
    if (workDirectory == null) {
      return Optional.empty();
    }
    return Processes.descendant("-Dtandem.node.directory=" + workDirectory.resolve(SOURCE_NAME + "-node1") + " ");
  }

  /** Where the clusters run, for the results. */
  public String description() {
    return description;
  }

  /** Stops the embedded clusters; existing clusters are left alone. */
  @Override
  public void close() {
    List<EmbeddedCassandraCluster> stopping = new ArrayList<>(embedded);
    if (!stopping.isEmpty()) {
      LOG.info("Stopping the embedded clusters");
    }
    stopping.forEach(EmbeddedCassandraCluster::close);
  }
}
