package io.tandem.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CassandraClasspathTest {

  @Test
  void should_map_coordinates_to_repository_paths() {
    assertThat(CassandraClasspath.repositoryPath("org.apache.cassandra:cassandra-all:jar:5.0.9"))
        .isEqualTo("org/apache/cassandra/cassandra-all/5.0.9/cassandra-all-5.0.9.jar");
    assertThat(CassandraClasspath.repositoryPath("io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.1.130.Final"))
        .isEqualTo("io/netty/netty-transport-native-epoll/4.1.130.Final/"
            + "netty-transport-native-epoll-4.1.130.Final-linux-x86_64.jar");
  }

  @Test
  void should_read_coordinates_written_with_colour_codes() {
    assertThat(CassandraClasspath.coordinatesOf("   \u001B[1mat.yawk.lz4:lz4-java:jar:1.10.1\u001B[m -- module lz4"))
        .contains("at.yawk.lz4:lz4-java:jar:1.10.1");
    assertThat(CassandraClasspath.coordinatesOf("The following files have been resolved:")).isEmpty();
  }

  @Test
  void should_reject_what_is_not_coordinates() {
    assertThatThrownBy(() -> CassandraClasspath.repositoryPath("cassandra-all.jar"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cassandra-all.jar");
  }

  @Test
  void should_find_cassandra_all_in_the_local_repository() {
    List<Path> jars = CassandraClasspath.resolve();

    assertThat(jars).anySatisfy(jar -> assertThat(jar.getFileName().toString()).startsWith("cassandra-all-5.0."));
    assertThat(jars).allMatch(Files::isRegularFile);
  }
}
