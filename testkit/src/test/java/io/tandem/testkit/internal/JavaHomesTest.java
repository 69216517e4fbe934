package io.tandem.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.testkit.CassandraVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaHomesTest {

  @TempDir Path work;

  @Test
  void should_run_4_x_and_5_0_on_this_jvm_by_default() {
    Path home = Path.of(System.getProperty("java.home"));

    assertThat(JavaHomes.resolve(CassandraVersion.V5_0, null, Map.of())).isEqualTo(home);
    assertThat(JavaHomes.resolve(CassandraVersion.V4_1, null, Map.of())).isEqualTo(home);
  }

  @Test
  void should_say_how_to_get_a_jdk_11_when_3_11_finds_none() {
    Path missing = work.resolve("jdk11");

    assertThatThrownBy(
            () -> JavaHomes.resolve(CassandraVersion.V3_11, null,
                Map.of(JavaHomes.JAVA11_ENVIRONMENT, missing.toString())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cassandra 3.11 needs a JDK 11: none at " + missing)
        .hasMessageContaining(".ci/install-java11")
        .hasMessageContaining("openjdk-11-jdk-headless")
        .hasMessageContaining("-Dtandem.testkit.java11=")
        .hasMessageContaining("TANDEM_JAVA11_HOME");
  }

  @Test
  void should_take_the_jdk_11_from_the_environment() throws IOException {
    Path jdk11 = fakeJdk("jdk11", "11.0.24");

    assertThat(JavaHomes.resolve(CassandraVersion.V3_11, null, Map.of(JavaHomes.JAVA11_ENVIRONMENT, jdk11.toString())))
        .isEqualTo(jdk11);
  }

  @Test
  void should_refuse_a_java_the_version_does_not_run_on() throws IOException {
    Path jdk17 = fakeJdk("jdk17", "17.0.15");

    assertThatThrownBy(() -> JavaHomes.resolve(CassandraVersion.V3_11, jdk17, Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cassandra 3.11.19 does not run on Java 17")
        .hasMessageContaining("withJavaHome(" + jdk17 + ")")
        .hasMessageContaining(".ci/install-java11");
  }

  @Test
  void should_read_the_feature_release_of_old_and_new_version_strings() throws IOException {
    assertThat(JavaHomes.featureOf(fakeJdk("jdk8", "1.8.0_412"))).hasValue(8);
    assertThat(JavaHomes.featureOf(fakeJdk("jdk21", "21"))).hasValue(21);
    assertThat(JavaHomes.featureOf(work)).isEmpty();
  }

  private Path fakeJdk(String name, String version) throws IOException {
    Path home = work.resolve(name);
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Debian\"\nJAVA_VERSION=\"" + version + "\"\n");
    return home;
  }
}
