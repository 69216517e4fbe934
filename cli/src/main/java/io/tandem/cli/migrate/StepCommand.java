package io.tandem.cli.migrate;

import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.StepRequest;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;

/**
 * A step of the migration, forward or back: takes the step options, makes the step and prints the new phase
 * with the gates' verdicts, or every gate when they refused (exit 1).
 */
abstract class StepCommand extends MigrationSubcommand {

  @Mixin StepOptions step;

  private StepRequest request;

  /** The coordinator call: {@code advance} or {@code rollback}. */
  abstract MigrationRecord move(MigrationCoordinator coordinator, String migration, StepRequest request);

  /** The verb in messages: {@code advance} or {@code rollback}. */
  abstract String verb();

  @Override
  void before() {
    request = step.request();
  }

  @Override
  int run(String migration, MigrationCoordinator coordinator, PrintWriter out) {
    try {
      MigrationRecord moved = move(coordinator, migration, request);
      Steps.moved(migration, moved, coordinator, json, out);
      return 0;
    } catch (MigrationException e) {
      if (e.reason() != MigrationException.Reason.GATES_REFUSED) {
        throw e;
      }
      Steps.refused(migration, verb(), e, json, out);
      return 1;
    }
  }
}
