package io.tandem.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModulePackagesTest {

  @Test
  void should_allow_a_module_its_own_internals() {
    assertThat(ModulePackages.reachesInto("io.tandem.proxy.it", "io.tandem.proxy.internal.server")).isFalse();
  }

  @Test
  void should_refuse_another_modules_internals() {
    assertThat(ModulePackages.reachesInto("io.tandem.benchmarks.bulk", "io.tandem.validator.internal.scan")).isTrue();
  }

  @Test
  void should_see_an_internal_segment_deeper_down() {
    assertThat(ModulePackages.reachesInto("io.tandem.core.api", "io.tandem.examples.demo.internal")).isTrue();
  }

  @Test
  void should_name_the_file_line_and_reference_of_a_cross_module_import() {
    List<String> source = List.of("package io.tandem.proxy.internal.admin;", "",
        "import io.tandem.core.internal.DefaultMigrationControl;",
        "import static io.tandem.proxy.internal.frame.Segments.frame;",
        " * see io.tandem.core.internal.control in a comment",
        "String text = \"io.tandem.core.internal.control\";");

    assertThat(TestSourceScan.violations("AdminServerTest.java", source))
        .containsExactly("AdminServerTest.java:3: io.tandem.core.internal.DefaultMigrationControl");
  }
}
