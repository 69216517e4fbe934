package io.tandem.cli.migrate;

import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.PhaseChange;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code tandem migrate history ID}: every change, oldest first. */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Shows every change of the migration, oldest first: version, from and to, who, when, why, "
        + "forced or not, and the gates' verdicts.")
final class HistoryCommand extends MigrationSubcommand {

  @Override
  int run(String migration, MigrationCoordinator coordinator, PrintWriter out) {
    List<PhaseChange> history = coordinator.history(migration);
    if (json) {
      out.println(Json.print(Json.history(migration, history)));
    } else {
      history.forEach(change -> Text.change(change, out));
    }
    return 0;
  }
}
