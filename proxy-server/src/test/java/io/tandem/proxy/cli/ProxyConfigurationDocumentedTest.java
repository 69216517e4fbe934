package io.tandem.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.testkit.docs.DocumentedNames;
import io.tandem.testkit.docs.ReferenceSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * docs/configuration.md lists every {@code tandem.proxy} setting of this module's reference.conf with its
 * default, and every option of {@code tandem-proxy} under the heading of its group in {@code --help}; and
 * mentions no setting or option that does not exist.
 */
class ProxyConfigurationDocumentedTest {

  private static final DocumentedNames REFERENCE = DocumentedNames.read(Path.of("..", "docs", "configuration.md"));
  private static final DocumentedNames COMMAND_LINE = REFERENCE.section("tandem-proxy command line");
  private static final ReferenceSettings SETTINGS =
      ReferenceSettings.read(Path.of("src", "main", "resources", "reference.conf"));
  private static final Pattern OPTION = Pattern.compile("-{1,2}[A-Za-z][A-Za-z0-9-]*");

  private final CommandSpec command = TandemProxyCli.commandLine().getCommandSpec();

  @Test
  void should_document_every_setting_with_its_default_and_no_other() {
    assertThat(SETTINGS.documentationProblems(REFERENCE, "tandem.proxy", 1))
        .as("tandem.proxy settings in %s", REFERENCE)
        .isEmpty();
  }

  @Test
  void should_document_every_option_under_the_heading_of_its_group() {
    List<String> missing = new ArrayList<>();
    for (ArgGroupSpec group : command.argGroups()) {
      String heading = group.heading().replace("%n", "").trim().replaceFirst(":$", "");
      COMMAND_LINE.section(heading).missing(names(group.allOptionsNested()))
          .forEach(name -> missing.add(heading + ": " + name));
    }
    List<String> ungrouped = Stream.concat(
        names(command.options().stream().filter(option -> option.group() == null).toList()).stream(),
        command.positionalParameters().stream().map(PositionalParamSpec::paramLabel)).toList();
    COMMAND_LINE.missing(ungrouped).forEach(name -> missing.add("no group: " + name));

    assertThat(missing).as("tandem-proxy options missing from %s", COMMAND_LINE).isEmpty();
  }

  @Test
  void should_mention_only_options_that_exist() {
    List<String> options = names(command.options());

    assertThat(COMMAND_LINE.unknown(OPTION, options::contains))
        .as("options in %s that tandem-proxy does not have", COMMAND_LINE)
        .isEmpty();
  }

  private static List<String> names(Collection<OptionSpec> options) {
    return options.stream().flatMap(option -> Arrays.stream(option.names())).toList();
  }
}
