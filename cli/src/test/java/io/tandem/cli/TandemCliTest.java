package io.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TandemCliTest {

  private final FakeControlPlanes planes = new FakeControlPlanes();

  @Test
  void should_print_the_help_of_every_command_with_the_exit_codes() {
    List<List<String>> paths = new ArrayList<>();
    collect(TandemCli.commandLine(planes), new ArrayList<>(), paths);

    assertThat(paths).extracting(path -> String.join(" ", path)).contains("migrate", "migrate create",
        "migrate status", "migrate advance", "migrate rollback", "migrate history", "migrate instances", "count",
        "copy", "validate", "repair");
    for (List<String> path : paths) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      CliRun run = CliRun.run(planes, args.toArray(String[]::new));

      assertThat(run.exitCode()).as("%s", args).isZero();
      assertThat(run.err()).as("%s", args).isEmpty();
      assertThat(run.out()).as("%s", args).contains("Usage: tandem").contains("Exit codes:")
          .contains("3  someone else changed the migration first");
    }
  }

  @Test
  void should_offer_the_validators_commands_with_the_migration_options_on_copy_and_validate() {
    CommandLine line = TandemCli.commandLine(planes);

    assertThat(line.getSubcommands().get("copy").getCommandSpec().findOption("--migration")).isNotNull();
    assertThat(line.getSubcommands().get("copy").getCommandSpec().findOption("--strategy")).isNotNull();
    assertThat(line.getSubcommands().get("validate").getCommandSpec().findOption("--control")).isNotNull();
    assertThat(line.getSubcommands().get("validate").getCommandSpec().findOption("--recheck-delay")).isNotNull();
    assertThat(line.getSubcommands().get("count").getCommandSpec().findOption("--migration")).isNull();
  }

  @Test
  void should_print_the_usage_without_a_subcommand() {
    CliRun run = CliRun.run(planes);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("migrate").contains("copy").contains("validate");
  }

  @Test
  void should_refuse_an_unknown_subcommand_in_one_line() {
    CliRun run = CliRun.run(planes, "migrate", "fly", "orders");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("tandem migrate").contains("fly");
  }

  private static void collect(CommandLine line, List<String> path, List<List<String>> paths) {
    line.getSubcommands().forEach((name, sub) -> {
      List<String> subPath = new ArrayList<>(path);
      subPath.add(name);
      paths.add(subPath);
      collect(sub, subPath, paths);
    });
  }
}
