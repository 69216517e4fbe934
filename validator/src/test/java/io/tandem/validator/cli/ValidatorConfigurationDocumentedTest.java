package io.tandem.validator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.testkit.docs.DocumentedNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/configuration.md lists every option of {@code tandem-validator}: an option shared through a mixin
 * under that mixin's heading, any other under its subcommand's heading, each with its default; and
 * mentions no option that does not exist.
 */
class ValidatorConfigurationDocumentedTest {

  private static final DocumentedNames COMMAND_LINE =
      DocumentedNames.read(Path.of("..", "docs", "configuration.md")).section("tandem-validator command line");
  private static final Pattern OPTION = Pattern.compile("-{1,2}[A-Za-z][A-Za-z0-9-]*");

  /** The heading that documents the options of each mixin, by the mixin's name (its field's name). */
  private static final Map<String, String> HEADING_OF_MIXIN = Map.of(
      "clusters", "Connection to the clusters",
      "selection", "Tables",
      "scan", "Range scans",
      "logging", "Logging",
      "mixinStandardHelpOptions", "tandem-validator command line");

  private final CommandSpec command = TandemValidatorCli.commandLine().getCommandSpec();

  @Test
  void should_document_every_option_under_its_heading_with_its_default() {
    Set<String> wrong = new LinkedHashSet<>();
    check(COMMAND_LINE, command.options(), wrong);
    for (CommandSpec subcommand : subcommands()) {
      Set<OptionSpec> shared = new HashSet<>();
      subcommand.mixins().forEach((mixin, spec) -> {
        String heading = HEADING_OF_MIXIN.get(mixin);
        if (heading == null) {
          wrong.add(subcommand.name() + " uses mixin '" + mixin + "': document its options under a heading and "
              + "name it in HEADING_OF_MIXIN");
        } else {
          check(COMMAND_LINE.section(heading), spec.options(), wrong);
        }
        spec.options().forEach(option -> shared.add(subcommand.findOption(option.longestName())));
      });
      List<OptionSpec> own = subcommand.options().stream().filter(option -> !shared.contains(option)).toList();
      check(COMMAND_LINE.section("tandem-validator " + subcommand.name()), own, wrong);
    }

    assertThat(wrong).as("tandem-validator options in %s", COMMAND_LINE).isEmpty();
  }

  @Test
  void should_mention_only_options_that_exist() {
    List<String> everyOption = new ArrayList<>(names(command.options()));
    List<String> unknown = new ArrayList<>();
    for (CommandSpec subcommand : subcommands()) {
      List<String> options = names(subcommand.options());
      everyOption.addAll(options);
      COMMAND_LINE.section("tandem-validator " + subcommand.name()).unknown(OPTION, options::contains)
          .forEach(name -> unknown.add(subcommand.name() + ": " + name));
    }
    COMMAND_LINE.unknown(OPTION, everyOption::contains).forEach(unknown::add);

    assertThat(unknown).as("options in %s that tandem-validator does not have", COMMAND_LINE).isEmpty();
  }

  /** Each name of each option is in the section; an option with a default shows it in cell 1 of its row. */
  private static void check(DocumentedNames section, Collection<OptionSpec> options, Set<String> wrong) {
    List<String> missing = section.missing(names(options));
    missing.forEach(name -> wrong.add(section + ": " + name + " is missing"));
    for (OptionSpec option : options) {
      String expected = "`" + option.defaultValue() + "`";
      if (option.defaultValue() != null && !missing.contains(option.longestName())
          && !section.cell(option.longestName(), 1).orElse("").equals(expected)) {
        wrong.add(section + ": " + option.longestName() + " must show the default " + expected + ", it shows "
            + section.cell(option.longestName(), 1).orElse("nothing"));
      }
    }
  }

  private List<CommandSpec> subcommands() {
    return command.subcommands().values().stream().map(line -> line.getCommandSpec()).toList();
  }

  private static List<String> names(Collection<OptionSpec> options) {
    return options.stream().flatMap(option -> Arrays.stream(option.names())).toList();
  }
}
