package io.tandem.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where a harness runs from and the command line that runs it again, from the repository root. */
public final class HarnessLaunch {

  /** Builds the harness jar (package, not install: nothing in the local Maven repository changes). */
  public static final String BUILD_COMMAND = "./mvnw -B -q -pl benchmarks -am -DskipTests package";

  /** The harness jar, relative to the repository root. */
  public static final String JAR = "benchmarks/target/tandem-benchmarks.jar";

  private HarnessLaunch() {}

  /** The folder holding the harness jar (or its classes): {@code benchmarks/target} whatever the current folder is. */
  public static Path buildDirectory() {
    try {
      Path code = Path.of(HarnessLaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return code.toAbsolutePath().getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot tell where the harness runs from", e);
    }
  }

  /**
   * The build command, then {@code java} with this JVM's flags, {@code launch} (for example {@code -jar JAR}) and
   * the harness's own arguments, each quoted for a POSIX shell where needed.
   */
  public static String reproduceCommand(List<String> launch, List<String> harnessArguments) {
    List<String> javaFlags = ManagementFactory.getRuntimeMXBean().getInputArguments();
    String java = Stream.of(Stream.of("java"), javaFlags.stream(), launch.stream(), harnessArguments.stream())
        .flatMap(arguments -> arguments)
        .map(HarnessLaunch::quoted)
        .collect(Collectors.joining(" "));
    return BUILD_COMMAND + " && " + java;
  }

  private static String quoted(String argument) {
    return argument.matches("[A-Za-z0-9_./:=,@%+-]+") ? argument : "'" + argument.replace("'", "'\\''") + "'";
  }
}
