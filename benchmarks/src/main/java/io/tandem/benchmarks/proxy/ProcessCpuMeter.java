package io.tandem.benchmarks.proxy;

import io.tandem.benchmarks.Contender;
import io.tandem.benchmarks.PhaseListener;
import io.tandem.benchmarks.PhaseResult;
import io.tandem.benchmarks.Processes;
import io.tandem.benchmarks.Scenario;
import java.time.Duration;

/**
 * The CPU time of the proxy's JVM over the candidate's measured phases (the requests through the proxy), and,
 * for reference, of the source's Cassandra node over the measured phases of both contenders: each from the
 * phase's start to the end of its settling (mirrored copies finished), as the operating system accounts it
 * ({@link Processes#cpuTime}). Warmups are not counted.
 */
public final class ProcessCpuMeter implements PhaseListener {

  /**
   * CPU time over a number of requests.
   *
   * @param requests requests answered successfully
   * @param cpu CPU time, user and system
   * @param elapsed wall time of the phases, settling included
   */
  public record Usage(long requests, Duration cpu, Duration elapsed) {

    static final Usage NONE = new Usage(0, Duration.ZERO, Duration.ZERO);

    /** CPU seconds per 10,000 requests. */
    public double secondsPer10k() {
      return requests == 0 ? Double.NaN : cpu.toNanos() / 1e9 / requests * 10_000;
    }

    /** Cores busy on average. */
    public double meanCores() {
      return elapsed.isZero() ? Double.NaN : (double) cpu.toNanos() / elapsed.toNanos();
    }

    Usage plus(long moreRequests, Duration moreCpu, Duration moreElapsed) {
      return new Usage(requests + moreRequests, cpu.plus(moreCpu), elapsed.plus(moreElapsed));
    }
  }

  /**
   * What was measured over a scenario.
   *
   * @param proxy the proxy's JVM during the candidate's phases
   * @param sourceThroughProxy the source node during the candidate's phases, or null when not found
   * @param sourceDirect the source node during the baseline's phases, or null when not found
   */
  public record Summary(Usage proxy, Usage sourceThroughProxy, Usage sourceDirect) {}

  private final ProcessHandle proxy;
  private final ProcessHandle sourceNode;
  private Usage proxyUsage = Usage.NONE;
  private Usage sourceThroughProxy = Usage.NONE;
  private Usage sourceDirect = Usage.NONE;
  private boolean sourceNodeLost;
  private Duration proxyAtStart;
  private Duration sourceAtStart;
  private long startedNanos;

  /** @param sourceNode the source's Cassandra node, or null when it is not known */
  ProcessCpuMeter(ProcessHandle proxy, ProcessHandle sourceNode) {
    this.proxy = proxy;
    this.sourceNode = sourceNode;
  }

  @Override
  public void starting(Scenario scenario, Contender contender, boolean measured) {
    if (measured) {
      proxyAtStart = proxyCpu();
      sourceAtStart = sourceCpu();
      startedNanos = System.nanoTime();
    }
  }

  @Override
  public void finished(Scenario scenario, Contender contender, boolean measured, PhaseResult result) {
    if (!measured) {
      return;
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
    Duration sourceAtEnd = sourceCpu();
    Duration sourceUsed = sourceAtStart == null || sourceAtEnd == null ? null : sourceAtEnd.minus(sourceAtStart);
    sourceNodeLost |= sourceNode != null && sourceUsed == null;
    if (contender == scenario.candidate()) {
      proxyUsage = proxyUsage.plus(result.completed(), proxyCpu().minus(proxyAtStart), elapsed);
      if (sourceUsed != null) {
        sourceThroughProxy = sourceThroughProxy.plus(result.completed(), sourceUsed, elapsed);
      }
    } else if (sourceUsed != null) {
      sourceDirect = sourceDirect.plus(result.completed(), sourceUsed, elapsed);
    }
  }

  Summary summary() {
    boolean source = sourceNode != null && !sourceNodeLost;
    return new Summary(proxyUsage, source ? sourceThroughProxy : null, source ? sourceDirect : null);
  }

  private Duration proxyCpu() {
    return Processes.cpuTime(proxy).orElseThrow(() -> new IllegalStateException(
        "Cannot read the CPU time of the proxy's JVM (pid " + proxy.pid() + "): it is gone, or the system does "
            + "not tell"));
  }

  /** The source node's CPU time, or null when it is not known or cannot be read. */
  private Duration sourceCpu() {
    return sourceNode == null ? null : Processes.cpuTime(sourceNode).orElse(null);
  }
}
