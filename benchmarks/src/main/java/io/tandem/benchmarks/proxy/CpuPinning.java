package io.tandem.benchmarks.proxy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Puts each proxy on CPUs of its own, as where a proxy runs in production (its own host or pod), and everything
 * else the harness runs — the client and the Cassandra nodes it forks — on the other CPUs, with Linux's
 * {@code taskset}. Without it (the default) all of them share every core, and the CPU the proxy spends is taken
 * from the cluster and the client.
 *
 * @param proxyCpus the proxies' CPUs, for example {@code [1]}
 * @param otherCpus every other CPU of the machine: the harness's JVM and the clusters
 */
public record CpuPinning(Set<Integer> proxyCpus, Set<Integer> otherCpus) {

  public CpuPinning {
    proxyCpus = Set.copyOf(proxyCpus);
    otherCpus = Set.copyOf(otherCpus);
  }

  /**
   * Reads a CPU list such as {@code 1} or {@code 2,3}.
   *
   * @throws IllegalArgumentException naming what is wrong: not numbers, a CPU the machine does not have, or every
   *     CPU (nothing would be left for the clusters)
   */
  public static CpuPinning parse(String proxyCpuList, int cpus) {
    Set<Integer> proxy = new TreeSet<>();
    for (String part : proxyCpuList.split(",")) {
      try {
        proxy.add(Integer.parseInt(part.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--proxy-cpus takes CPU numbers separated by commas, such as 1 or 2,3; "
            + "got '" + proxyCpuList + "'");
      }
    }
    if (proxy.stream().anyMatch(cpu -> cpu < 0 || cpu >= cpus)) {
      throw new IllegalArgumentException("--proxy-cpus names a CPU this machine does not have: it has CPUs 0 to "
          + (cpus - 1) + ", got '" + proxyCpuList + "'");
    }
    Set<Integer> others = new TreeSet<>();
    for (int cpu = 0; cpu < cpus; cpu++) {
      if (!proxy.contains(cpu)) {
        others.add(cpu);
      }
    }
    if (others.isEmpty()) {
      throw new IllegalArgumentException("--proxy-cpus must leave at least one CPU for the client and the "
          + "clusters; got every CPU ('" + proxyCpuList + "')");
    }
    return new CpuPinning(proxy, others);
  }

  /**
   * Pins every thread of this JVM to the other CPUs; threads and processes it starts later inherit that, so
   * call it before starting the clusters.
   *
   * @throws IllegalStateException when {@code taskset} is missing or fails
   */
  public void pinThisProcess() {
    run(List.of("taskset", "--all-tasks", "--cpu-list", "--pid", list(otherCpus),
        Long.toString(ProcessHandle.current().pid())));
  }

  /** What a proxy's command line starts with: {@code taskset --cpu-list <proxy CPUs>}. */
  public List<String> proxyCommandPrefix() {
    return List.of("taskset", "--cpu-list", list(proxyCpus));
  }

  /** In words, for the results. */
  public String describe() {
    return "each proxy on CPU " + list(proxyCpus) + " alone, the client and both Cassandra nodes on CPU "
        + list(otherCpus) + " (`taskset`, `--proxy-cpus " + list(proxyCpus) + "`)";
  }

  private static String list(Set<Integer> cpus) {
    return new TreeSet<>(cpus).stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes()).trim();
      if (process.waitFor() != 0) {
        throw new IllegalStateException("`" + String.join(" ", command) + "` failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("--proxy-cpus needs Linux's taskset (package util-linux): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running taskset", e);
    }
  }
}
