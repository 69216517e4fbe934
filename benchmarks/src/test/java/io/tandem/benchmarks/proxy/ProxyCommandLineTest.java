package io.tandem.benchmarks.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.core.api.mirror.BackpressurePolicy;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.replay.FsyncPolicy;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.cli.TandemProxyCli;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProxyCommandLineTest {

  private static final ClusterEndpoint SOURCE = ClusterEndpoint.plain("source", new InetSocketAddress("127.0.0.13", 9042));
  private static final ClusterEndpoint TARGET = ClusterEndpoint.plain("target", new InetSocketAddress("127.0.0.14", 9043));

  @TempDir Path folder;

  @Test
  void should_give_the_proxy_process_the_configuration_of_the_in_process_proxy() throws Exception {
    ProxyConfig inProcess = ProxyConfig.builder(SOURCE, TARGET)
        .listenAddress(new InetSocketAddress("127.0.0.1", 0))
        .adminAddress(null)
        .eventLoopThreads(3)
        .mirror(MirrorConfig.builder().defaultMode(MirrorMode.ASYNC).maxInFlight(512)
            .backpressurePolicy(BackpressurePolicy.WAIT).backpressureMaxWait(Duration.ofMillis(750))
            .fsyncPolicy(FsyncPolicy.ALWAYS).failedWriteDirectory(folder.resolve("failed-writes")).build())
        .build();
    Path configFile = folder.resolve("reads.conf");
    Files.writeString(configFile, ProxyCommandLine.configFile(inProcess));

    ProxyConfig child = parse(ProxyCommandLine.arguments(inProcess, configFile));

    assertThat(child.source().contactPoints()).isEqualTo(inProcess.source().contactPoints());
    assertThat(child.target().contactPoints()).isEqualTo(inProcess.target().contactPoints());
    assertThat(child.source().tls()).isFalse();
    assertThat(child.target().tls()).isFalse();
    assertThat(child.listenAddress()).isEqualTo(inProcess.listenAddress());
    assertThat(child.adminAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", 0));
    assertThat(child.eventLoopThreads()).isEqualTo(3);
    assertThat(child.requestTimeout()).isEqualTo(inProcess.requestTimeout());
    assertThat(child.mirror()).usingRecursiveComparison().isEqualTo(inProcess.mirror());
  }

  @Test
  void should_refuse_settings_it_does_not_carry_over() {
    ProxyConfig tls = ProxyConfig.builder(new ClusterEndpoint("source", List.of(new InetSocketAddress("h", 9042)),
        true, true, null, null, null, null, null), TARGET).build();

    assertThatThrownBy(() -> ProxyCommandLine.arguments(tls, folder.resolve("x.conf")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS");
  }

  private static ProxyConfig parse(List<String> arguments) {
    CommandLine commandLine = TandemProxyCli.commandLine();
    commandLine.parseArgs(arguments.toArray(String[]::new));
    return ((TandemProxyCli) commandLine.getCommand()).toConfig();
  }
}
