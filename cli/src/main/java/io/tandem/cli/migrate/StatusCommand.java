package io.tandem.cli.migrate;

import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationStatus;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code tandem migrate status ID}: the phase, the next step's gates checked now, the instances. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Shows the migration's phase and version, the next phase and whether each of its gates passes "
        + "now, and every instance following it.")
final class StatusCommand extends MigrationSubcommand {

  @Override
  int run(String migration, MigrationCoordinator coordinator, PrintWriter out) {
    MigrationStatus status = coordinator.status(migration);
    if (json) {
      out.println(Json.print(Json.status(status)));
    } else {
      Text.status(status, out);
    }
    return 0;
  }
}
