package io.tandem.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassandraVersionTest {

  @TempDir Path work;

  @Test
  void should_read_a_line_or_a_release() {
    assertThat(CassandraVersion.parse("3.11")).isEqualTo(CassandraVersion.V3_11);
    assertThat(CassandraVersion.parse("4.0.x")).isEqualTo(CassandraVersion.V4_0);
    assertThat(CassandraVersion.parse(" 4.1.10 ")).isEqualTo(CassandraVersion.V4_1);
    assertThat(CassandraVersion.parse("V5_0")).isEqualTo(CassandraVersion.V5_0);
  }

  @Test
  void should_name_the_known_versions_when_the_version_is_unknown() {
    assertThatThrownBy(() -> CassandraVersion.parse("2.2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown Cassandra version '2.2'")
        .hasMessageContaining("3.11 (3.11.19), 4.0 (4.0.19), 4.1 (4.1.10), 5.0 (5.0.9)");
  }

  @Test
  void should_default_to_5_0() {
    assertThat(EmbeddedCassandraCluster.builder().build().version()).isEqualTo(CassandraVersion.V5_0);
  }

  @Test
  void should_refuse_a_missing_java_home_before_any_node_starts() {
    Path nowhere = work.resolve("no-jdk");
    EmbeddedCassandraCluster cluster =
        EmbeddedCassandraCluster.builder()
            .withClusterName("nojdk")
            .withFirstAddress("127.0.0.43")
            .withVersion(CassandraVersion.V4_1)
            .withJavaHome(nowhere)
            .withWorkDirectory(work)
            .build();

    assertThatThrownBy(cluster::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cassandra 4.1.10 cannot start: no Java at " + nowhere)
        .hasMessageContaining("withJavaHome(" + nowhere + ")");
    assertThat(cluster.isRunning()).isFalse();
    assertThat(Files.exists(cluster.logFiles().get(0))).as("no node was started").isFalse();
  }
}
