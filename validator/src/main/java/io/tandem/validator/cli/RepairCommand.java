package io.tandem.validator.cli;

import io.tandem.validator.api.repair.RepairReport;
import io.tandem.validator.api.repair.Repairer;
import io.tandem.validator.api.repair.RepairerBuilder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code repair}: fixes what a validation found, without ever overwriting a newer target cell. */
@Command(name = "repair", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Re-reads each mismatched row on both clusters and writes only the source cells that are "
        + "newer than the target's (or missing there), each at its own writetime and TTL, so last-write-wins "
        + "never picks an older value. Rows only on the target are kept unless --delete-target-only.",
        "Candidates come from a validation's ledger (--ledger), or from a fresh validation of the tables."})
public final class RepairCommand implements Callable<Integer> {

  @Mixin ConnectionOptions clusters;

  @Mixin ScanOptions scan;

  @Mixin LoggingOptions logging;

  @Option(names = "--ledger", paramLabel = "FILE", description = "mismatches.jsonl written by validate.")
  Path ledger;

  @Option(names = {"-k", "--keyspace"}, paramLabel = "KEYSPACE",
      description = "Without --ledger: validate this keyspace first and repair what it finds.")
  String keyspace;

  @Option(names = {"-t", "--tables"}, split = ",", paramLabel = "TABLE",
      description = "With --keyspace: only these tables (default: all).")
  List<String> tables;

  @Spec CommandSpec spec;

  @Option(names = "--delete-target-only", description = "Delete rows that exist only on the target (at their "
      + "newest writetime, so a later write survives).")
  boolean deleteTargetOnly;

  @Option(names = "--dry-run", description = "Print the plan, write nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    if ((ledger == null) == (keyspace == null)) {
      throw new ParameterException(spec.commandLine(),
          "Give either --ledger FILE (from a validation) or --keyspace KEYSPACE (validate now), not both");
    }
    try (SourceAndTargetSessions sessions = clusters.open()) {
      RepairerBuilder builder = Repairer.builder().withSource(sessions.source()).withTarget(sessions.target())
          .withDeleteTargetOnlyRows(deleteTargetOnly).withDryRun(dryRun).withPlanOutput(System.out);
      if (ledger != null) {
        builder.fromLedger(ledger);
      } else {
        builder.fromReport(ValidateCommand.validator(sessions, TableSelection.of(keyspace, tables), scan)
            .withProgress(System.out).build().validate());
      }
      RepairReport report = builder.build().run();
      System.out.println((dryRun ? "Plan (dry run): " : "Repaired: ") + report.counts());
      return 0;
    }
  }
}
