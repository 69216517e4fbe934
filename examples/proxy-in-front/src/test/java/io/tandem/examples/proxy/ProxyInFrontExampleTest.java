package io.tandem.examples.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class ProxyInFrontExampleTest {

  private static ProxyExampleSettings settings(String... args) {
    ProxyInFrontExample example = new ProxyInFrontExample();
    new CommandLine(example).parseArgs(args);
    return example.settings();
  }

  @Test
  void should_start_embedded_clusters_with_the_proxy_on_the_source_address_by_default() {
    ProxyExampleSettings settings = settings();

    assertThat(settings.embedded()).isTrue();
    assertThat(settings.proxy()).isEqualTo(new InetSocketAddress("127.0.0.23", 29042));
    assertThat(settings.admin()).isEqualTo(new InetSocketAddress("127.0.0.23", 28000));
    assertThat(settings.datacenter()).isEqualTo("datacenter1");
    assertThat(settings.items()).isEqualTo(100);
    assertThat(settings.failedWriteLog()).isAbsolute();
  }

  @Test
  void should_put_the_proxy_on_localhost_in_front_of_real_clusters() {
    ProxyExampleSettings settings = settings("--source", "10.0.0.1:9042", "--target", "10.1.0.1:9142", "--datacenter",
        "dc1", "--admin", "127.0.0.1:28001");

    assertThat(settings.embedded()).isFalse();
    assertThat(settings.target().getPort()).isEqualTo(9142);
    assertThat(settings.proxy()).isEqualTo(new InetSocketAddress("127.0.0.1", 29042));
    assertThat(settings.admin().getPort()).isEqualTo(28001);
  }

  @Test
  void should_refuse_one_cluster_without_the_other_and_bad_addresses() {
    assertThatThrownBy(() -> settings("--source", "10.0.0.1:9042"))
        .isInstanceOf(ParameterException.class).hasMessageContaining("both --source and --target");
    assertThatThrownBy(() -> settings("--source", "10.0.0.1", "--target", "10.1.0.1:9042"))
        .isInstanceOf(ParameterException.class).hasMessageContaining("--source must look like host:port");
    assertThatThrownBy(() -> settings("--proxy", "127.0.0.1:0"))
        .isInstanceOf(ParameterException.class).hasMessageContaining("port 1 to 65535");
  }

  @Test
  void should_exit_with_2_on_a_bad_command_line_and_0_for_help() {
    CommandLine commandLine = new CommandLine(new ProxyInFrontExample());
    commandLine.setErr(new PrintWriter(Writer.nullWriter()));
    commandLine.setOut(new PrintWriter(Writer.nullWriter()));

    assertThat(commandLine.execute("--source", "10.0.0.1:9042")).isEqualTo(2);
    assertThat(commandLine.execute("--help")).isZero();
  }

  @Test
  void should_give_the_proxy_the_arguments_a_user_types_after_java_jar() {
    ProxyArguments commandLine = ProxyArguments.of(new InetSocketAddress("127.0.0.23", 9042),
        new InetSocketAddress("10.1.0.1", 9142), new InetSocketAddress("127.0.0.23", 29042),
        new InetSocketAddress("127.0.0.23", 28000), Path.of("target", "failed writes"));

    assertThat(commandLine.arguments()).containsExactly("127.0.0.23", "10.1.0.1:9142", "--disable-source-tls",
        "--disable-target-tls", "--proxy-address", "127.0.0.23", "--proxy-port", "29042", "--metrics-address",
        "127.0.0.23", "--metrics-port", "28000", "--failed-write-log", Path.of("target", "failed writes").toString());
    assertThat(commandLine.userCommand())
        .startsWith("java -jar proxy-server/target/tandem-proxy.jar 127.0.0.23 10.1.0.1:9142 --disable-source-tls")
        .endsWith(" --failed-write-log 'target/failed writes'");
  }

  @Test
  void should_report_a_proxy_that_exits_before_it_listens() {
    ProxyArguments badFlag = new ProxyArguments(List.of("127.0.0.23", "127.0.0.24", "--no-such-flag"));

    assertThatThrownBy(() -> ProxyChildProcess.start(badFlag, Duration.ofSeconds(60)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the proxy exited with code 2 before it was listening; its output is above");
  }

  @Test
  void should_read_samples_and_lines_from_the_prometheus_text() {
    AdminClient.Metrics metrics = new AdminClient.Metrics("""
        # HELP tandem_request_latency_seconds Time for one cluster to answer
        # TYPE tandem_request_latency_seconds summary
        tandem_request_latency_seconds_count{kind="read",side="source"} 111
        tandem_request_latency_seconds_count{kind="read",side="target"} 7
        tandem_failed_writes_pending 0.0
        tandem_proxy_connections 1.0
        """);

    assertThat(metrics.value("tandem_request_latency_seconds_count", "kind=\"read\"", "side=\"target\"")).isEqualTo(7);
    assertThat(metrics.value("tandem_failed_writes_pending")).isZero();
    assertThat(metrics.value("tandem_mirror_writes_total")).isZero();
    assertThat(metrics.lines(List.of("tandem_request_latency_seconds_count", "tandem_failed_writes_pending")))
        .hasSize(3).noneMatch(line -> line.startsWith("#"));
  }
}
