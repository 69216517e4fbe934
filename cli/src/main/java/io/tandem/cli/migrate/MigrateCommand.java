package io.tandem.cli.migrate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tandem migrate}: a migration's phases, gates, history and instances in the control store. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
    subcommands = {CreateCommand.class, StatusCommand.class, AdvanceCommand.class, RollbackCommand.class,
        HistoryCommand.class, InstancesCommand.class},
    description = {"Moves a migration through its phases, kept in the control store every wrapper and proxy "
        + "started with the migration id follows: SETUP -> DUAL_WRITE -> HISTORY_COPIED -> VALIDATED -> "
        + "READS_ON_TARGET -> TARGET_PRIMARY -> TARGET_ONLY -> DONE.",
        "Each step forward checks its gates; --force --reason \"...\" overrides them, recorded in the history."})
public final class MigrateCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
