package io.tandem.cli.migrate;

import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.StepRequest;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tandem migrate rollback ID}: one phase back, down to DUAL_WRITE. */
@Command(name = "rollback", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Moves the migration one phase back, down to DUAL_WRITE. Leaving TARGET_ONLY backwards is "
        + "refused unless forced: the message says what must first be copied from the target to the source, "
        + "with the command."})
final class RollbackCommand extends MigrationSubcommand {

  @Mixin StepOptions step;

  private StepRequest request;

  @Override
  void before() {
    request = step.request();
  }

  @Override
  int run(String migration, MigrationCoordinator coordinator, PrintWriter out) {
    try {
      MigrationRecord moved = coordinator.rollback(migration, request);
      Steps.moved(migration, moved, coordinator, json, out);
      return 0;
    } catch (MigrationException e) {
      if (e.reason() != MigrationException.Reason.GATES_REFUSED) {
        throw e;
      }
      Steps.refused(migration, "rollback", e, json, out);
      return 1;
    }
  }
}
