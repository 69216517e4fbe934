package io.tandem.cli.migrate;

import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.StepRequest;
import picocli.CommandLine.Command;

/** {@code tandem migrate advance ID}: one phase forward, if the gates pass. */
@Command(name = "advance", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Moves the migration to its next phase if every gate of the step passes, and prints each "
        + "gate's verdict. Refused (exit code 1), it names every failing gate and changes nothing; --force "
        + "--reason \"...\" overrides the gates, recorded in the history.",
        "Every wrapper and proxy following the migration applies the new phase within seconds."})
final class AdvanceCommand extends StepCommand {

  @Override
  MigrationRecord move(MigrationCoordinator coordinator, String migration, StepRequest request) {
    return coordinator.advance(migration, request);
  }

  @Override
  String verb() {
    return "advance";
  }
}
