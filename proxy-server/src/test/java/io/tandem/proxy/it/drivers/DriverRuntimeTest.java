package io.tandem.proxy.it.drivers;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverRuntimeTest {

  @TempDir
  Path build;

  @Test
  void should_name_what_to_install_when_python_is_missing() {
    assertThatThrownBy(() -> new PythonDriver(build.resolve("no-python").toString()).prepare(build))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apt-get install python3-cassandra")
        .hasMessageContaining("-Dtandem.drivers.python");
  }

  @Test
  void should_name_what_to_install_when_node_is_missing() {
    assertThatThrownBy(() -> new NodeDriver(build.resolve("no-node").toString(), "npm").prepare(build))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Node.js")
        .hasMessageContaining("apt-get install nodejs npm");
  }
}
