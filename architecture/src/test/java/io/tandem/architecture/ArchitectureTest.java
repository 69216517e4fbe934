package io.tandem.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows between Tandem's modules: no module uses another's {@code internal} packages (main classes
 * through ArchUnit, test sources by a scan), core points at no front door, and nothing depends on the
 * benchmarks or the examples.
 */
class ArchitectureTest {

  private static final String[] FRONT_DOORS_AND_TOOLS = {"io.tandem.driver..", "io.tandem.proxy..",
      "io.tandem.validator..", "io.tandem.cli..", "io.tandem.benchmarks..", "io.tandem.examples.."};

  private static JavaClasses mainClasses;

  @BeforeAll
  static void importMainClasses() {
    mainClasses = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.tandem");
  }

  @Test
  void should_see_the_main_classes_of_every_module() {
    assertThat(mainClasses.stream().map(JavaClass::getPackageName).map(ModulePackages::root).flatMap(Optional::stream))
        .contains("io.tandem.core", "io.tandem.driver", "io.tandem.proxy", "io.tandem.validator", "io.tandem.cli",
            "io.tandem.testkit", "io.tandem.benchmarks", "io.tandem.examples");
  }

  @Test
  void should_use_no_other_modules_internal_packages_in_main_code() {
    classes().that().resideInAPackage("io.tandem..").should(useNoOtherModulesInternals()).check(mainClasses);
  }

  @Test
  void should_use_no_other_modules_internal_packages_in_test_code() {
    Path repository = repository();
    List<Path> sources = TestSourceScan.testSources(repository);

    assertThat(sources).as("test sources under %s", repository).isNotEmpty();
    assertThat(sources.stream().flatMap(file -> TestSourceScan.violations(file, repository).stream()))
        .as("test code that uses another module's internal packages (use its public API, or add one)")
        .isEmpty();
  }

  @Test
  void should_keep_core_below_the_front_doors() {
    noClasses().that().resideInAPackage("io.tandem.core..").should().dependOnClassesThat()
        .resideInAnyPackage(FRONT_DOORS_AND_TOOLS).check(mainClasses);
  }

  @Test
  void should_keep_the_operators_command_on_top() {
    noClasses().that().resideOutsideOfPackage("io.tandem.cli..").should().dependOnClassesThat()
        .resideInAPackage("io.tandem.cli..").check(mainClasses);
    noClasses().that().resideInAPackage("io.tandem.cli..").should().dependOnClassesThat()
        .resideInAnyPackage("io.tandem.driver..", "io.tandem.proxy..").check(mainClasses);
  }

  @Test
  void should_keep_benchmarks_and_examples_out_of_other_main_code() {
    noClasses().that().resideOutsideOfPackage("io.tandem.benchmarks..").should().dependOnClassesThat()
        .resideInAPackage("io.tandem.benchmarks..").check(mainClasses);
    noClasses().that().resideOutsideOfPackage("io.tandem.examples..").should().dependOnClassesThat()
        .resideInAPackage("io.tandem.examples..").check(mainClasses);
  }

  private static ArchCondition<JavaClass> useNoOtherModulesInternals() {
    return new ArchCondition<>("use no other module's internal packages") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
          String target = dependency.getTargetClass().getBaseComponentType().getPackageName();
          if (ModulePackages.reachesInto(item.getPackageName(), target)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  /** The repository root: the parent of this module's folder, where the tests run. */
  private static Path repository() {
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.isDirectory(here.resolve("architecture")) ? here : here.getParent();
    assertThat(root.resolve("pom.xml")).as("the repository's parent pom").exists();
    return root;
  }
}
