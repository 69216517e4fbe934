package io.tandem.benchmarks;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Samples, every few seconds while the harness runs, how busy the machine is and with what: the CPU this
 * run uses (the harness JVM and the Cassandra nodes it started, which are its child processes), the CPU
 * everything else uses (from {@code /proc/stat} on Linux), the load average, and how many Cassandra JVMs
 * of another run are up. The results state these, so that noisy numbers can be told from real differences.
 */
public final class MachineLoadSampler implements AutoCloseable {

  /**
   * What the samples showed; CPU figures are in cores (1.0 = one core busy all the time), NaN where the
   * system does not tell.
   *
   * @param samples how many samples were taken
   * @param meanOwnCpu mean CPU of this run (harness and its Cassandra nodes)
   * @param meanForeignCpu mean CPU of everything else on the machine
   * @param maximumForeignCpu highest CPU of everything else over one sampling interval
   * @param meanLoad mean one-minute load average (this run's own threads included)
   * @param maximumForeignCassandraJvms most Cassandra JVMs not started by the harness seen at once
   * @param samplesWithForeignCassandra samples in which at least one such JVM was running
   */
  public record Summary(int samples, double meanOwnCpu, double meanForeignCpu, double maximumForeignCpu,
      double meanLoad, int maximumForeignCassandraJvms, int samplesWithForeignCassandra) {}

  private record Sample(double ownCpu, double foreignCpu, double load, int foreignCassandraJvms) {}

  private static final long PERIOD_SECONDS = 5;
  private static final Path PROC_STAT = Path.of("/proc/stat");

  private final String ownMarker;
  private final int cores = Runtime.getRuntime().availableProcessors();
  private final List<Sample> samples = new ArrayList<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "machine-load-sampler");
    thread.setDaemon(true);
    return thread;
  });
  private long[] previousJiffies;
  private Duration previousOwnCpu;
  private long previousNanos;

  /** @param ownWorkDirectory the harness's Cassandra folder: JVMs naming it in their command line are its own */
  public MachineLoadSampler(Path ownWorkDirectory) {
    // with the separator, so that .../cassandra does not also claim the nodes under .../cassandra-proxy
    this.ownMarker = ownWorkDirectory.toAbsolutePath().normalize() + File.separator;
  }

  public MachineLoadSampler start() {
    scheduler.scheduleAtFixedRate(this::sample, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
    return this;
  }

  private void sample() {
    long nanos = System.nanoTime();
    long[] jiffies = busyAndTotalJiffies();
    Duration ownCpu = ownCpuTime();
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    int foreignCassandra = (int) ProcessHandle.allProcesses().map(Processes::commandLine)
        .filter(line -> line.contains("ForkedCassandraMain") || line.contains("CassandraDaemon"))
        .filter(line -> !line.contains(ownMarker))
        .count();
    if (previousOwnCpu != null) {
      double seconds = (nanos - previousNanos) / 1e9;
      double own = (ownCpu.toNanos() - previousOwnCpu.toNanos()) / 1e9 / seconds;
      double foreign = Double.NaN;
      if (jiffies != null && previousJiffies != null && jiffies[1] > previousJiffies[1]) {
        double busyCores = cores * (double) (jiffies[0] - previousJiffies[0]) / (jiffies[1] - previousJiffies[1]);
        foreign = Math.max(0, busyCores - own);
      }
      synchronized (samples) {
        samples.add(new Sample(own, foreign, load, foreignCassandra));
      }
    }
    previousNanos = nanos;
    previousJiffies = jiffies;
    previousOwnCpu = ownCpu;
  }

  /** CPU time of this JVM and every process it started (the embedded Cassandra nodes). */
  private static Duration ownCpuTime() {
    return Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
        .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
        .reduce(Duration.ZERO, Duration::plus);
  }

  /** Busy and total CPU time of the machine in jiffies, from the first line of {@code /proc/stat}; or null. */
  private static long[] busyAndTotalJiffies() {
    try {
      String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
      long busy = 0;
      long total = 0;
      for (int index = 1; index < Math.min(fields.length, 9); index++) {
        long value = Long.parseLong(fields[index]);
        total += value;
        busy += index == 4 || index == 5 ? 0 : value; // idle and iowait are not busy
      }
      return new long[] {busy, total};
    } catch (IOException | RuntimeException notLinux) {
      return null;
    }
  }

  public Summary summary() {
    synchronized (samples) {
      int count = samples.size();
      return new Summary(count,
          samples.stream().mapToDouble(Sample::ownCpu).average().orElse(Double.NaN),
          samples.stream().mapToDouble(Sample::foreignCpu).average().orElse(Double.NaN),
          samples.stream().mapToDouble(Sample::foreignCpu).max().orElse(Double.NaN),
          samples.stream().mapToDouble(Sample::load).average().orElse(Double.NaN),
          samples.stream().mapToInt(Sample::foreignCassandraJvms).max().orElse(0),
          (int) samples.stream().filter(sample -> sample.foreignCassandraJvms() > 0).count());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
