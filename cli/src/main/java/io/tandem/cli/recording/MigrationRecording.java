package io.tandem.cli.recording;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.cli.control.ControlConnectionOptions;
import io.tandem.cli.control.ControlPlane;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.MigrationException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --migration ID} of {@code copy} and {@code validate}: where they record their outcome, in the control
 * store (by default the source cluster's). A store that cannot be reached does not stop the work: a warning says
 * it is not recorded.
 */
public final class MigrationRecording {

  @Option(names = "--migration", paramLabel = "ID",
      description = "Record the outcome in this migration's control store, for its gates (default: not recorded).")
  String migrationId;

  @Mixin ControlConnectionOptions control;

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  /**
   * The control plane of the migration, or empty when none was asked for or the store cannot be reached (then
   * with a warning).
   *
   * @throws IllegalArgumentException for a bad or unknown migration id: nothing is done
   */
  Optional<Recorder> open(CqlSession source, String what) {
    if (migrationId == null) {
      return Optional.empty();
    }
    String id = ControlConfig.requireMigrationId(migrationId);
    ControlPlane plane;
    try {
      plane = control.openOr(source);
      if (plane.store().load(id).isEmpty()) {
        plane.close();
        throw new IllegalArgumentException("No migration '" + id + "' in the control store (" + control.describe()
            + "): create it with tandem migrate create " + id + ", or check --migration and --control");
      }
    } catch (MigrationException e) {
      warn(id, what, e);
      return Optional.empty();
    }
    return Optional.of(new Recorder(id, plane, Clock.systemUTC(), err(), what));
  }

  private void warn(String id, String what, MigrationException e) {
    if (e.reason() != MigrationException.Reason.STORE_UNAVAILABLE) {
      throw e;
    }
    err().println("WARN " + command.qualifiedName() + ": the control store cannot be reached (" + e.getMessage()
        + "); the " + what + " runs, but it is not recorded in migration " + id);
  }

  private PrintWriter err() {
    return command.commandLine().getErr();
  }
}
