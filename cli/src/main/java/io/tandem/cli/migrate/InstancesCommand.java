package io.tandem.cli.migrate;

import io.tandem.core.api.control.InstanceStatus;
import io.tandem.core.api.control.MigrationCoordinator;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code tandem migrate instances ID}: every wrapper and proxy following the migration. */
@Command(name = "instances", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Lists every wrapper and proxy following the migration: the version it applied, whether it is "
        + "live, stale or gone, its last heartbeat, failed writes pending, copies in flight and errors.")
final class InstancesCommand extends MigrationSubcommand {

  @Override
  int run(String migration, MigrationCoordinator coordinator, PrintWriter out) {
    List<InstanceStatus> instances = coordinator.instances(migration);
    if (json) {
      out.println(Json.print(Json.instances(migration, instances)));
    } else {
      Text.instances(instances, out);
    }
    return 0;
  }
}
