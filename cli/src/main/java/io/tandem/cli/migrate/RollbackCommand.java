package io.tandem.cli.migrate;

import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.StepRequest;
import picocli.CommandLine.Command;

/** {@code tandem migrate rollback ID}: one phase back, down to DUAL_WRITE. */
@Command(name = "rollback", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Moves the migration one phase back, down to DUAL_WRITE. Leaving TARGET_ONLY backwards is "
        + "refused unless forced: the message says what must first be copied from the target to the source, "
        + "with the command."})
final class RollbackCommand extends StepCommand {

  @Override
  MigrationRecord move(MigrationCoordinator coordinator, String migration, StepRequest request) {
    return coordinator.rollback(migration, request);
  }

  @Override
  String verb() {
    return "rollback";
  }
}
