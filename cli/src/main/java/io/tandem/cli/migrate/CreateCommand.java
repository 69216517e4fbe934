package io.tandem.cli.migrate;

import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.mirror.MirrorMode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tandem migrate create ID}: a new migration in SETUP. */
@Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Creates a migration in SETUP, version 1 (and the control keyspace and tables on first use).")
final class CreateCommand extends MigrationSubcommand {

  @Option(names = "--mode", defaultValue = "SYNC", paramLabel = "MODE",
      description = "Mirror mode of tables without an override: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  MirrorMode mode;

  @Option(names = "--table-mode", paramLabel = "KEYSPACE[.TABLE]=MODE",
      description = "Mirror mode of one keyspace or table; repeat for several (default: none).")
  Map<String, MirrorMode> overrides = new LinkedHashMap<>();

  @Option(names = "--replication", paramLabel = "CQL_MAP",
      description = "Replication of the control keyspace if it is created now, e.g. \"{'class': "
          + "'NetworkTopologyStrategy', 'dc1': 3}\" (default: SimpleStrategy, min(3, nodes) copies).")
  String replication;

  @Option(names = "--who", paramLabel = "NAME", description = "Recorded as the creator (default: the OS user).")
  String who;

  @Override
  String replication() {
    return replication;
  }

  @Override
  int run(String migration, MigrationCoordinator coordinator, PrintWriter out) {
    String creator = who == null || who.isBlank() ? System.getProperty("user.name", "unknown") : who;
    MigrationRecord created = coordinator.create(migration, mode, overrides, creator);
    if (json) {
      out.println(Json.print(Json.record(created)));
    } else {
      out.println("Created migration " + created.id() + " in " + created.phase() + " (version "
          + created.version() + ", mirror mode " + created.defaultMode() + Text.overrides(created) + ").");
      out.println("Next: start the wrappers and proxies with this migration id, then tandem migrate advance "
          + created.id() + ".");
    }
    return 0;
  }
}
