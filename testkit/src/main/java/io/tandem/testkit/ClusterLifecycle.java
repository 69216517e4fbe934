package io.tandem.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Starts and stops several {@link EmbeddedCassandraCluster}s at once, each on a thread of its own (on two cores
 * the common pool has one thread, and the clusters would start in turn): a source and a target come up in the
 * time of one.
 */
public final class ClusterLifecycle {

  private ClusterLifecycle() {}

  /**
   * Starts every cluster in parallel and returns once all accept CQL. If one fails, every cluster is closed
   * and the first failure is thrown (a {@link CassandraStartupException} naming the node's log).
   */
  public static void startInParallel(EmbeddedCassandraCluster... clusters) {
    try {
      inParallel(EmbeddedCassandraCluster::start, clusters);
    } catch (RuntimeException e) {
      closeInParallel(clusters);
      throw e;
    }
  }

  /** Closes every cluster (null ones are skipped) in parallel, each waiting for its nodes to exit. */
  public static void closeInParallel(EmbeddedCassandraCluster... clusters) {
    inParallel(EmbeddedCassandraCluster::close, clusters);
  }

  private static void inParallel(Consumer<EmbeddedCassandraCluster> action, EmbeddedCassandraCluster... clusters) {
    List<EmbeddedCassandraCluster> present = Arrays.stream(clusters).filter(Objects::nonNull).toList();
    ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, present.size()));
    try {
      CompletableFuture.allOf(present.stream()
          .map(cluster -> CompletableFuture.runAsync(() -> action.accept(cluster), threads))
          .toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    } finally {
      threads.shutdown();
    }
  }
}
