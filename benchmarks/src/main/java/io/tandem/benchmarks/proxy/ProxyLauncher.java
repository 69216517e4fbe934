package io.tandem.benchmarks.proxy;

import io.tandem.benchmarks.HarnessLaunch;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.cli.TandemProxyCli;
import java.nio.file.Path;
import java.util.List;

/** How the harness runs the proxies of its scenarios: each in a JVM of its own, or all in the harness's JVM. */
public sealed interface ProxyLauncher {

  /** Starts a proxy for the scenario {@code name}; returns once clients can connect. */
  ProxyUnderTest start(String name, ProxyConfig config);

  /** How the proxies run, in words, for the results. */
  String describe();

  /** Every proxy in the harness's JVM, with {@code TandemProxy.start}: its CPU and heap are not told apart. */
  record InProcess() implements ProxyLauncher {

    @Override
    public ProxyUnderTest start(String name, ProxyConfig config) {
      return InProcessProxy.start(config);
    }

    @Override
    public String describe() {
      return "in the harness's JVM, started with `TandemProxy.start` (`--proxy-in-process`)";
    }
  }

  /**
   * Each proxy in a JVM of its own, started from its command line.
   *
   * @param folder where each proxy's output and config file go
   * @param heap the heap of each proxy's JVM, for example {@code 512m}
   * @param extraJvmOptions more options for each proxy's JVM ({@code {name}} becomes the scenario's name); none by
   *     default
   * @param commandPrefix what each proxy's command line starts with, such as {@code taskset --cpu-list 1}; none
   *     by default
   */
  record ChildProcesses(Path folder, String heap, List<String> extraJvmOptions, List<String> commandPrefix)
      implements ProxyLauncher {

    public ChildProcesses {
      extraJvmOptions = List.copyOf(extraJvmOptions);
      commandPrefix = List.copyOf(commandPrefix);
    }

    @Override
    public ProxyUnderTest start(String name, ProxyConfig config) {
      return ProxyProcess.start(name, config, folder, heap, extraJvmOptions, commandPrefix);
    }

    /** The flags of each proxy's JVM. */
    public List<String> jvmFlags() {
      return ProxyProcess.jvmFlags(heap, extraJvmOptions);
    }

    @Override
    public String describe() {
      return "in a JVM of its own: `" + String.join(" ", commandPrefix) + (commandPrefix.isEmpty() ? "" : " ")
          + "java " + String.join(" ", jvmFlags()) + " -cp "
          + HarnessLaunch.JAR + " " + TandemProxyCli.class.getName() + " SOURCE TARGET --disable-source-tls "
          + "--disable-target-tls --proxy-address ADDRESS --proxy-port 0 --metrics-address ADDRESS --metrics-port 0 "
          + "--threads N --request-timeout PT12S --config FILE` (the harness's class path; the file holds the "
          + "scenario's `tandem.mirror` settings; output in `" + HarnessLaunch.JAR.replace("tandem-benchmarks.jar",
              "") + folder.getFileName() + "/`)";
    }
  }
}
