package io.tandem.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** What the harness reads about other processes: their command lines and the CPU time they used. */
public final class Processes {

  private Processes() {}

  /** The full command line; from {@code /proc} on Linux, where the JDK's view of it is truncated. */
  public static String commandLine(ProcessHandle process) {
    Path procfs = Path.of("/proc", Long.toString(process.pid()), "cmdline");
    try {
      return new String(Files.readAllBytes(procfs), StandardCharsets.UTF_8).replace('\0', ' ');
    } catch (IOException | RuntimeException notLinuxOrGone) {
      return process.info().commandLine().orElse("");
    }
  }

  /**
   * User plus system CPU time the process used so far (on Linux {@code utime + stime} of {@code
   * /proc/<pid>/stat}, in clock ticks of 10 ms), or empty when the system does not tell or the process is gone.
   */
  public static Optional<Duration> cpuTime(ProcessHandle process) {
    return process.info().totalCpuDuration();
  }

  /** The first process this JVM started, directly or not, whose command line contains {@code marker}. */
  public static Optional<ProcessHandle> descendant(String marker) {
    return ProcessHandle.current().descendants().filter(process -> commandLine(process).contains(marker)).findFirst();
  }
}
