package io.tandem.cli.migrate;

import io.tandem.cli.control.ControlConnectionOptions;
import io.tandem.cli.control.ControlPlane;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.MigrationCoordinator;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What every {@code tandem migrate} subcommand shares: the migration id, the control store, {@code --json}. */
abstract class MigrationSubcommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ID", description = "The migration id, e.g. orders-2026.")
  String id;

  @Mixin ControlConnectionOptions control;

  @Option(names = "--json", description = "Print JSON instead of text (default: text).")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    String migration = ControlConfig.requireMigrationId(id);
    before();
    try (ControlPlane plane = control.open(replication())) {
      return run(migration, plane.coordinator(), spec.commandLine().getOut());
    }
  }

  /** Checks the options before connecting: bad input changes nothing. */
  void before() {}

  /** The replication of the control keyspace if this command creates it; {@code null} for the default. */
  String replication() {
    return null;
  }

  abstract int run(String migration, MigrationCoordinator coordinator, PrintWriter out);
}
