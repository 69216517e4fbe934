package io.tandem.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README's command, end to end, so that the example cannot rot: two embedded clusters on 127.0.0.23 and
 * 127.0.0.24, the proxy from its command line in a child JVM, the application through it, the proof, the read
 * switch. Its console output is in {@code target/surefire-reports/*-output.txt}.
 */
class ProxyInFrontExampleIT {

  @Test
  void should_write_through_the_proxy_to_both_clusters_and_switch_reads_to_the_target() {
    int exitCode = new CommandLine(new ProxyInFrontExample()).execute();

    assertThat(exitCode).as("the example's exit code (its output says which check failed)").isZero();
  }
}
