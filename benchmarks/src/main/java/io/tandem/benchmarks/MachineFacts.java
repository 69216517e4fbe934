package io.tandem.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * What the results depend on besides the code: the machine, the JVM, when the run happened and how busy
 * the machine was at its start and end.
 *
 * @param cores processors available to this JVM
 * @param processor the CPU model, when the system says
 * @param memoryGigabytes physical memory
 * @param java Java runtime version and VM
 * @param operatingSystem name, version and architecture
 * @param harnessJvmArguments the flags this JVM was started with
 * @param startedAt when the run started
 * @param finishedAt when it finished (null until then)
 * @param loadAverageAtStart the one-minute system load average at the start
 * @param loadAverageAtEnd the same at the end (NaN until then)
 * @param otherCassandraJvmsAtStart Cassandra JVMs already running before the harness started its own
 */
public record MachineFacts(
    int cores,
    String processor,
    double memoryGigabytes,
    String java,
    String operatingSystem,
    List<String> harnessJvmArguments,
    ZonedDateTime startedAt,
    ZonedDateTime finishedAt,
    double loadAverageAtStart,
    double loadAverageAtEnd,
    long otherCassandraJvmsAtStart) {

  /** The facts known when the run starts. */
  public static MachineFacts atStart() {
    return new MachineFacts(
        Runtime.getRuntime().availableProcessors(),
        readProcessorModel(),
        readMemoryGigabytes(),
        System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ", "
            + System.getProperty("java.vm.vendor") + ")",
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"),
        ManagementFactory.getRuntimeMXBean().getInputArguments(),
        ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS),
        null,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Double.NaN,
        runningCassandraJvms());
  }

  /** These facts completed with the end of the run. */
  public MachineFacts finished() {
    return new MachineFacts(cores, processor, memoryGigabytes, java, operatingSystem, harnessJvmArguments,
        startedAt, ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS), loadAverageAtStart,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), otherCassandraJvmsAtStart);
  }

  private static long runningCassandraJvms() {
    return ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine()
            .map(line -> line.contains("CassandraDaemon") || line.contains("ForkedCassandraMain"))
            .orElse(false))
        .count();
  }

  private static String readProcessorModel() {
    Path cpuInfo = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpuInfo)) {
      try (var lines = Files.lines(cpuInfo)) {
        return lines.filter(line -> line.startsWith("model name"))
            .map(line -> line.substring(line.indexOf(':') + 1).trim())
            .findFirst()
            .orElse("unknown");
      } catch (IOException | RuntimeException e) {
        return "unknown";
      }
    }
    return "unknown";
  }

  private static double readMemoryGigabytes() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean system) {
      return system.getTotalMemorySize() / (1024.0 * 1024 * 1024);
    }
    return Double.NaN;
  }

  /** The memory, rounded, for display. */
  public String memory() {
    return Double.isNaN(memoryGigabytes) ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", memoryGigabytes);
  }
}
