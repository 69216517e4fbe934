package io.tandem.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.testkit.CassandraVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void should_list_the_missing_jars_of_a_version_and_say_how_to_get_them(@TempDir Path emptyRepository) {
    assertThatThrownBy(
            () -> CassandraClasspath.resolve(CassandraVersion.V4_0, emptyRepository, getClass().getClassLoader()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cassandra 4.0.19: ")
        .hasMessageContaining("missing from the local Maven repository " + emptyRepository)
        .hasMessageMatching("(?s).*: \\d+ server jar\\(s\\) missing.*")
        .hasMessageContaining("logback-classic-1.2.9.jar")
        .hasMessageMatching("(?s).* and \\d+ more\\..*")
        .hasMessageContaining("./mvnw -B -pl cassandra-server-4.0 -am package -DskipTests")
        .hasMessageContaining("-Dtandem.testkit.cassandraLib.4.0");
  }

  @Test
  void should_name_the_module_to_add_when_a_version_has_no_artifact_list() {
    ClassLoader withoutLists = new ClassLoader(null) {};

    assertThatThrownBy(() -> CassandraClasspath.resolve(CassandraVersion.V3_11, Path.of("."), withoutLists))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("io/tandem/testkit/cassandra-3.11-classpath.txt is not on the classpath")
        .hasMessageContaining("io.tandem:tandem-cassandra-server-3.11");
  }

  @Test
  void should_find_every_version_in_the_local_repository() {
    for (CassandraVersion version : CassandraVersion.values()) {
      List<Path> jars = CassandraClasspath.resolve(version);

      assertThat(jars).anySatisfy(jar -> assertThat(jar.getFileName().toString())
          .isEqualTo("cassandra-all-" + version.release() + ".jar"));
    }
  }

  @Test
  void should_find_cassandra_all_in_the_local_repository() {
    List<Path> jars = CassandraClasspath.resolve();

    assertThat(jars).anySatisfy(jar -> assertThat(jar.getFileName().toString()).startsWith("cassandra-all-5.0."));
    assertThat(jars).allMatch(Files::isRegularFile);
  }
}
