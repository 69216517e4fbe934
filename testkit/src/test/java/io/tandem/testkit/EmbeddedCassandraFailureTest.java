package io.tandem.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Launcher failures must fail fast, naming the cause and the log file. Uses 127.0.0.9 to stay apart. */
class EmbeddedCassandraFailureTest {

  @TempDir Path work;

  @Test
  void should_refuse_to_start_when_the_native_port_is_taken() throws Exception {
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress("127.0.0.9", 9042));
      EmbeddedCassandraCluster cluster = clusterOn("127.0.0.9", "").build();

      long started = System.nanoTime();
      assertThatThrownBy(cluster::start)
          .isInstanceOf(CassandraStartupException.class)
          .hasMessageContaining("127.0.0.9:9042")
          .hasMessageContaining("already in use")
          .hasMessageContaining("out.log");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      assertThat(cluster.isRunning()).isFalse();
    }
  }

  @Test
  void should_report_a_node_that_dies_on_bad_yaml_with_the_log_tail() {
    EmbeddedCassandraCluster cluster = clusterOn("127.0.0.9", "not_a_cassandra_setting: 42").build();

    assertThatThrownBy(cluster::start)
        .isInstanceOf(CassandraStartupException.class)
        .hasMessageContaining("exited during startup")
        .hasMessageContaining(cluster.logFiles().get(0).toString())
        .hasMessageContaining("not_a_cassandra_setting");
    assertThat(cluster.isRunning()).isFalse();
  }

  @Test
  void should_reject_an_address_that_is_not_loopback() {
    assertThatThrownBy(() -> EmbeddedCassandraCluster.builder().withFirstAddress("10.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback");
  }

  private EmbeddedCassandraCluster.Builder clusterOn(String address, String extraYaml) {
    return EmbeddedCassandraCluster.builder()
        .withClusterName("broken")
        .withFirstAddress(address)
        .withHeap("512m")
        .withStartTimeout(Duration.ofSeconds(120))
        .withWorkDirectory(work)
        .withExtraYaml(extraYaml);
  }
}
