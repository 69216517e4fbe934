package io.tandem.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples, every few seconds while the harness runs, how busy the machine is: the one-minute load average
 * and how many Cassandra JVMs other than the harness's own are running (another test run, say). The
 * results state both, so that noisy numbers can be told from real differences.
 */
public final class MachineLoadSampler implements AutoCloseable {

  /**
   * What the samples showed.
   *
   * @param samples how many samples were taken
   * @param minimumLoad lowest one-minute load average seen
   * @param meanLoad mean of the samples
   * @param maximumLoad highest seen
   * @param maximumForeignCassandraJvms most Cassandra JVMs not started by the harness seen at once
   * @param samplesWithForeignCassandra samples in which at least one such JVM was running
   */
  public record Summary(int samples, double minimumLoad, double meanLoad, double maximumLoad,
      int maximumForeignCassandraJvms, int samplesWithForeignCassandra) {}

  private static final long PERIOD_SECONDS = 5;

  private final String ownMarker;
  private final List<double[]> samples = new ArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "machine-load-sampler");
    thread.setDaemon(true);
    return thread;
  });

  /** @param ownWorkDirectory the harness's Cassandra folder: JVMs naming it in their command line are its own */
  public MachineLoadSampler(Path ownWorkDirectory) {
    this.ownMarker = ownWorkDirectory.toAbsolutePath().normalize().toString();
  }

  public MachineLoadSampler start() {
    scheduler.scheduleAtFixedRate(this::sample, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
    return this;
  }

  private void sample() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    long foreign = ProcessHandle.allProcesses().map(MachineLoadSampler::commandLine)
        .filter(line -> line.contains("ForkedCassandraMain") || line.contains("CassandraDaemon"))
        .filter(line -> !line.contains(ownMarker))
        .count();
    synchronized (samples) {
      samples.add(new double[] {load, foreign});
    }
  }

  /** The full command line; from {@code /proc} on Linux, where the JDK's view of it is truncated. */
  private static String commandLine(ProcessHandle process) {
    Path procfs = Path.of("/proc", Long.toString(process.pid()), "cmdline");
    try {
      return new String(Files.readAllBytes(procfs), StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException | RuntimeException notLinuxOrGone) {
      return process.info().commandLine().orElse("");
    }
  }

  public Summary summary() {
    synchronized (samples) {
      double minimum = Double.MAX_VALUE;
      double maximum = 0;
      double total = 0;
      int foreignMaximum = 0;
      int withForeign = 0;
      for (double[] sample : samples) {
        minimum = Math.min(minimum, sample[0]);
        maximum = Math.max(maximum, sample[0]);
        total += sample[0];
        foreignMaximum = Math.max(foreignMaximum, (int) sample[1]);
        withForeign += sample[1] > 0 ? 1 : 0;
      }
      int count = samples.size();
      return new Summary(count, count == 0 ? Double.NaN : minimum, count == 0 ? Double.NaN : total / count,
          count == 0 ? Double.NaN : maximum, foreignMaximum, withForeign);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
