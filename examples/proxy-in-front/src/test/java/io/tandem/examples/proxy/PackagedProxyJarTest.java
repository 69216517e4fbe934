package io.tandem.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar tandem-proxy.jar} as a user runs it: the shaded jar that the proxy-server module packages
 * (before this module in the build) starts, answers {@code --version}, and reads the Java driver's merged
 * configuration far enough to report an unreachable cluster by name.
 */
class PackagedProxyJarTest {

  private static final Path JAR = Path.of("..", "..", "proxy-server", "target", "tandem-proxy.jar");

  @BeforeAll
  static void jarIsBuilt() {
    assertThat(JAR).as("the proxy's jar; build it first: ./mvnw -B -pl proxy-server -am -DskipTests package")
        .isRegularFile();
  }

  @Test
  void should_print_its_version() throws Exception {
    Run run = run("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.output()).startsWith("Tandem proxy ");
  }

  @Test
  void should_name_a_cluster_it_cannot_reach_and_exit_with_code_1() throws Exception {
    Run run = run("127.0.0.1", "127.0.0.1", "--source-port", "1", "--target-port", "1", "--disable-source-tls",
        "--disable-target-tls", "--proxy-port", "0", "--metrics-port", "0");

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains("tandem-proxy: could not start the proxy: Cannot connect to the source cluster");
  }

  private record Run(int exitCode, String output) {}

  private static Run run(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-jar", JAR.toString()));
    command.addAll(List.of(arguments));
    Path output = Files.createTempFile("tandem-proxy-jar", ".out");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("java -jar tandem-proxy.jar " + String.join(" ", arguments) + " ran over 60 s");
      }
      return new Run(process.exitValue(), Files.readString(output, Charset.defaultCharset()));
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
