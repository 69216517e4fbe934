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
 * the machine was meanwhile.
 *
 * @param cores processors available to this JVM
 * @param processor the CPU model, when the system says
 * @param memoryGigabytes physical memory
 * @param java Java runtime version and VM
 * @param operatingSystem name, version and architecture
 * @param harnessJvmArguments the flags this JVM was started with
 * @param startedAt when the run started
 * @param finishedAt when it finished (null until then)
 * @param load how busy the machine was while the harness ran (null until the end)
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
    MachineLoadSampler.Summary load) {

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
        null);
  }

  /** These facts completed with the end of the run and what the load sampler saw. */
  public MachineFacts finished(MachineLoadSampler.Summary load) {
    return new MachineFacts(cores, processor, memoryGigabytes, java, operatingSystem, harnessJvmArguments,
        startedAt, ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS), load);
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
