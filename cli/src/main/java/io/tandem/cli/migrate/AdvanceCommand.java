package io.tandem.cli.migrate;

import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.StepRequest;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tandem migrate advance ID}: one phase forward, if the gates pass. */
@Command(name = "advance", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Moves the migration to its next phase if every gate of the step passes, and prints each "
        + "gate's verdict. Refused (exit code 1), it names every failing gate and changes nothing; --force "
        + "--reason \"...\" overrides the gates, recorded in the history.",
        "Every wrapper and proxy following the migration applies the new phase within seconds."})
final class AdvanceCommand extends MigrationSubcommand {

  @Mixin StepOptions step;

  private StepRequest request;

  @Override
  void before() {
    request = step.request();
  }

  @Override
  int run(String migration, MigrationCoordinator coordinator, PrintWriter out) {
    try {
      MigrationRecord moved = coordinator.advance(migration, request);
      Steps.moved(migration, moved, coordinator, json, out);
      return 0;
    } catch (MigrationException e) {
      if (e.reason() != MigrationException.Reason.GATES_REFUSED) {
        throw e;
      }
      Steps.refused(migration, "advance", e, json, out);
      return 1;
    }
  }
}
