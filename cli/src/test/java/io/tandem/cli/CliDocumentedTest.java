package io.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/cli.md (or, for the validator's own options, docs/configuration.md) documents every option of every
 * {@code tandem} command, and the option tables of docs/cli.md name no option that does not exist.
 */
class CliDocumentedTest {

  private static final Pattern TABLE_OPTION = Pattern.compile("^\\| `(--[A-Za-z0-9-]+)`", Pattern.MULTILINE);

  private final List<CommandLine> commands = commands(TandemCli.commandLine(new FakeControlPlanes()));

  @Test
  void should_document_every_option() throws IOException {
    String documented = read("cli.md") + read("configuration.md");
    Set<String> missing = new TreeSet<>();
    for (CommandLine command : commands) {
      for (OptionSpec option : command.getCommandSpec().options()) {
        Arrays.stream(option.names()).filter(name -> name.startsWith("--"))
            .filter(name -> !documented.contains("`" + name + "`"))
            .forEach(name -> missing.add(command.getCommandSpec().qualifiedName() + " " + name));
      }
    }

    assertThat(missing).as("options missing from docs/cli.md and docs/configuration.md").isEmpty();
  }

  @Test
  void should_document_only_options_that_exist() throws IOException {
    Set<String> existing = new TreeSet<>();
    commands.forEach(command -> command.getCommandSpec().options()
        .forEach(option -> existing.addAll(Arrays.asList(option.names()))));
    List<String> unknown = new ArrayList<>();
    Matcher matcher = TABLE_OPTION.matcher(read("cli.md"));
    while (matcher.find()) {
      if (!existing.contains(matcher.group(1))) {
        unknown.add(matcher.group(1));
      }
    }

    assertThat(unknown).as("options in docs/cli.md that tandem does not have").isEmpty();
  }

  private static String read(String document) throws IOException {
    return Files.readString(Path.of("..", "docs", document));
  }

  private static List<CommandLine> commands(CommandLine root) {
    List<CommandLine> all = new ArrayList<>(List.of(root));
    root.getSubcommands().values().forEach(sub -> all.addAll(commands(sub)));
    return all;
  }
}
