package io.tandem.benchmarks.proxy;

import io.tandem.benchmarks.LatencyReport;
import io.tandem.benchmarks.LoadRunner;
import io.tandem.benchmarks.Operation;
import io.tandem.benchmarks.PhaseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heap of a proxy process with many requests in flight. After a warmup, with the client's connections open
 * and nothing in flight, a full collection is forced in the proxy's JVM ({@code jcmd <pid> GC.run}) and the old
 * generation after it read ({@code jvm_gc_live_data_size_bytes}): the heap the idle proxy holds. Then a closed loop
 * keeps the given number of requests in flight for the phase; halfway through, a full collection is forced and
 * read the same way: the heap the proxy holds for those requests (the load goes on until that is done, should it
 * take longer than the phase). Meanwhile its heap in use and its direct buffers
 * are read from {@code /metrics} every 500 ms, and its collection pauses counted (the forced ones left out).
 */
final class InFlightHeapProbe {

  /**
   * What the probe measured.
   *
   * @param inFlight requests kept in flight
   * @param connections driver connections to the proxy
   * @param load the client's view of the phase
   * @param idleLiveBytes live heap after a full collection, connected and idle; null when it could not be forced
   * @param loadedLiveBytes the same halfway through the phase; null when it could not be forced
   * @param maxHeapUsedBytes the most heap in use among the samples (garbage included)
   * @param maxDirectBytes the most direct-buffer memory among the samples
   * @param samples how many samples were read
   * @param gcPauses collection pauses during the phase, the forced one left out
   * @param gcPauseMillis their total time
   * @param notes what went wrong while measuring, if anything
   */
  record InFlightHeap(int inFlight, int connections, LatencyReport load, Long idleLiveBytes, Long loadedLiveBytes,
      long maxHeapUsedBytes, long maxDirectBytes, int samples, long gcPauses, double gcPauseMillis,
      List<String> notes) {}

  private static final Logger LOG = LoggerFactory.getLogger(InFlightHeapProbe.class);
  private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(500);
  private static final Duration COPY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration LOADED_COLLECTION_TIMEOUT = Duration.ofMinutes(2);
  /** The cause the JVM gives a collection {@code jcmd GC.run} asked for. */
  private static final String FORCED_CAUSE = "Diagnostic Command";

  private final ProxyProcess proxy;
  private final List<String> notes = new ArrayList<>();

  private InFlightHeapProbe(ProxyProcess proxy) {
    this.proxy = proxy;
  }

  /**
   * Runs the warmup and the phase.
   *
   * @param operation the requests, through the proxy; writes counted by the proxy's {@code meters()}
   */
  static InFlightHeap measure(ProxyProcess proxy, Operation operation, int inFlight, int connections,
      Duration warmup, Duration phase) throws InterruptedException {
    return new InFlightHeapProbe(proxy).run(operation, inFlight, connections, warmup, phase);
  }

  private InFlightHeap run(Operation operation, int inFlight, int connections, Duration warmup, Duration phase)
      throws InterruptedException {
    LoadRunner load = new LoadRunner(inFlight);
    LOG.info("Proxy heap: warming up {} s with {} requests in flight over {} connections", warmup.toSeconds(),
        inFlight, connections);
    load.run("warmup", operation, warmup);
    proxy.meters().awaitCopies(COPY_TIMEOUT);
    Long idle = liveAfterForcedCollection("idle");
    PrometheusText before = proxy.metrics();
    AtomicLong maxHeap = new AtomicLong();
    AtomicLong maxDirect = new AtomicLong();
    AtomicLong samples = new AtomicLong();
    // two threads: the samples go on while the forced collection (a few seconds with jcmd) runs
    ScheduledExecutorService sampler = Executors.newScheduledThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "proxy-heap-sampler");
      thread.setDaemon(true);
      return thread;
    });
    CompletableFuture<Long> loaded = new CompletableFuture<>();
    PhaseResult result;
    try {
      sampler.scheduleAtFixedRate(() -> sample(maxHeap, maxDirect, samples), 0, SAMPLE_INTERVAL.toMillis(),
          TimeUnit.MILLISECONDS);
      sampler.schedule(() -> {
        try {
          loaded.complete(liveAfterForcedCollection("loaded"));
        } finally {
          loaded.complete(null);
        }
      }, phase.toMillis() / 2, TimeUnit.MILLISECONDS);
      LOG.info("Proxy heap: {} requests in flight for {} s", inFlight, phase.toSeconds());
      long end = System.nanoTime() + phase.toNanos();
      long latest = end + LOADED_COLLECTION_TIMEOUT.toNanos();
      // the load goes on until the forced collection was seen, should that take longer than the phase
      result = load.runUntil(inFlight + " in flight", operation,
          () -> System.nanoTime() >= end && (loaded.isDone() || System.nanoTime() >= latest));
      Long loadedLive = loaded.getNow(null);
      if (!loaded.isDone()) {
        note("the collection forced halfway was not seen within " + LOADED_COLLECTION_TIMEOUT.toSeconds()
            + " s after the phase's end");
      }
      PrometheusText after = proxy.metrics();
      proxy.meters().awaitCopies(COPY_TIMEOUT);
      return new InFlightHeap(inFlight, connections, LatencyReport.of(result), idle, loadedLive, maxHeap.get(),
          maxDirect.get(), (int) samples.get(), Math.round(pauses(after, "_count") - pauses(before, "_count")),
          (pauses(after, "_sum") - pauses(before, "_sum")) * 1000, notes());
    } finally {
      sampler.shutdownNow();
    }
  }

  private void sample(AtomicLong maxHeap, AtomicLong maxDirect, AtomicLong samples) {
    try {
      PrometheusText metrics = proxy.metrics();
      maxHeap.accumulateAndGet(Math.round(metrics.sum("jvm_memory_used_bytes", Map.of("area", "heap"))), Math::max);
      maxDirect.accumulateAndGet(Math.round(metrics.sum("jvm_buffer_memory_used_bytes", Map.of("id", "direct"))),
          Math::max);
      samples.incrementAndGet();
    } catch (RuntimeException e) {
      LOG.debug("Could not sample the proxy's heap", e);
    }
  }

  /** Collection pauses during the phase, by {@code _count} or {@code _sum}, the forced ones left out. */
  private static double pauses(PrometheusText metrics, String suffix) {
    return metrics.matching("jvm_gc_pause_seconds" + suffix, Map.of()).stream()
        .filter(sample -> !FORCED_CAUSE.equals(sample.labels().get("cause")))
        .mapToDouble(PrometheusText.Sample::value).sum();
  }

  /**
   * Forces a full collection in the proxy's JVM and returns the old generation after it, once the proxy's own
   * meters saw the collection; null (and a note) when that cannot be done.
   */
  private Long liveAfterForcedCollection(String moment) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      note("no " + jcmd + " (a JRE, not a JDK?): no collection forced");
      return null;
    }
    try {
      double forcedBefore = proxy.metrics().sum("jvm_gc_pause_seconds_count", Map.of("cause", FORCED_CAUSE));
      Process process = new ProcessBuilder(jcmd.toString(), Long.toString(proxy.pid()), "GC.run")
          .redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes()).strip();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        note("`jcmd " + proxy.pid() + " GC.run` failed (" + moment + "): " + output);
        return null;
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        PrometheusText metrics = proxy.metrics();
        if (metrics.sum("jvm_gc_pause_seconds_count", Map.of("cause", FORCED_CAUSE)) > forcedBefore) {
          long live = Math.round(metrics.sum("jvm_gc_live_data_size_bytes", Map.of()));
          LOG.info("Proxy heap, {}: {} MiB live after a full collection", moment, live / (1024 * 1024));
          return live;
        }
        Thread.sleep(50);
      }
      note("the proxy's meters did not see the collection forced " + moment + " within 10 s");
      return null;
    } catch (IOException | RuntimeException e) {
      note("could not force a collection (" + moment + "): " + e);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      note("interrupted while forcing a collection (" + moment + ")");
      return null;
    }
  }

  private synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  private synchronized void note(String note) {
    LOG.warn("Proxy heap: {}", note);
    notes.add(note);
  }
}
