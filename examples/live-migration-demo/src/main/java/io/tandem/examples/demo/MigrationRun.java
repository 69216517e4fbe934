package io.tandem.examples.demo;

import com.datastax.oss.driver.api.core.DriverException;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.core.api.control.MigrationState;
import io.tandem.core.api.control.PhaseChange;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.examples.demo.DriftInjector.Drift;
import io.tandem.examples.demo.HistoryLoader.History;
import io.tandem.examples.demo.PhaseLog.Phase;
import io.tandem.examples.demo.SyntheticApplication.Figures;
import io.tandem.examples.demo.ValidatorRuns.CopyTotals;
import io.tandem.testkit.CassandraStartupException;
import io.tandem.validator.api.copy.TimestampStrategy;
import io.tandem.validator.api.repair.RepairAction;
import io.tandem.validator.api.repair.RepairReport;
import io.tandem.validator.api.validate.MismatchKind;
import io.tandem.validator.api.validate.ValidationReport;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of the demo, phase by phase. Everything it starts (clusters, proxy, sessions, application threads)
 * is stopped at the end, on failure, and on Ctrl-C (a shutdown hook), by {@link Resources}.
 */
final class MigrationRun {

  private final DemoSettings settings;
  private final PhaseLog log;
  private final Resources resources;
  private final List<String> failures = new ArrayList<>();
  private boolean schemaCreated;
  private History history;
  private List<PhaseChange> migrationHistory;
  private CopyTotals copy;
  private Drift drift;
  private ValidationReport driftFound;
  private RepairReport repair;
  private ValidationReport afterRepair;
  private ValidationReport finalCheck;
  private DemoControlPlane control;

  MigrationRun(DemoSettings settings, PhaseLog log) {
    this.settings = settings;
    this.log = log;
    this.resources = new Resources(log);
  }

  /** Runs every phase; returns the exit status (0: migrated with no error and no difference). */
  int run() {
    Thread hook = new Thread(resources::close, "live-migration-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    log.plain("Tandem live-migration demo: %s, %s history rows, application through %s, copy %s",
        settings.embedded() ? "embedded clusters" : "clusters " + hostAndPort(settings.source()) + " -> " + hostAndPort(settings.target()),
        PhaseLog.count(settings.rows()), settings.viaProxy() ? "the proxy" : "a DualWriteCqlSession",
        settings.timestamps());
    log.plain("Reports: %s", settings.runDirectory());
    try {
      migrate();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add("interrupted");
    } catch (RuntimeException e) {
      if (!(e instanceof DriverException || e instanceof CassandraStartupException
          || e instanceof IllegalStateException)) {
        e.printStackTrace(System.out);
      }
      log.failCurrent(e.getMessage());
      failures.add("the run stopped on an error (" + e.getClass().getSimpleName() + ")");
    } finally {
      resources.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
    log.printSummary();
    printVerdict();
    return failures.isEmpty() ? 0 : 1;
  }

  private void migrate() throws InterruptedException {
    Phase phase = log.begin(settings.embedded() ? "Start two Cassandra clusters" : "Connect to both clusters");
    resources.connect(settings);
    phase.end("source %s, target %s", hostAndPort(resources.clusters().sourceAddress()),
        hostAndPort(resources.clusters().targetAddress()));

    phase = log.begin("Create the schema on both clusters");
    for (Side side : Side.values()) {
      if (DemoSchema.keyspaceExists(resources.direct(side), settings.keyspace())) {
        throw new IllegalStateException("Keyspace " + settings.keyspace() + " already exists on the "
            + side.name().toLowerCase() + " cluster: drop it or choose another with --keyspace");
      }
      DemoSchema.create(resources.direct(side), settings.keyspace(), resources.clusters().datacenter());
      schemaCreated = true;
    }
    phase.end("%s.%s (time series), %s.%s (set, map, frozen UDT)", settings.keyspace(), DemoSchema.READINGS,
        settings.keyspace(), DemoSchema.PROFILES);

    phase = log.begin("Preload history into the source only");
    history = new HistoryLoader(resources.direct(Side.SOURCE), settings.keyspace()).load(settings.rows());
    phase.end("%s rows (%s readings from %d sensors, %s profiles), %s rows/s", PhaseLog.count(history.rows()),
        PhaseLog.count(history.readings()), history.sensors(), PhaseLog.count(history.profiles()),
        PhaseLog.count(Math.round(history.rows() / Math.max(phase.duration().toMillis() / 1000.0, 0.001))));

    phase = log.begin("Migration created (SETUP), application started");
    control = resources.createMigration(settings.migrationId());
    log.line("tandem migrate create %s  (in keyspace %s on the source cluster)", control.migrationId(),
        control.config().keyspace());
    MirrorConfig mirror = MirrorConfig.builder().defaultMode(MirrorMode.SYNC)
        .failedWriteDirectory(settings.failedWriteDirectory()).build();
    ApplicationFrontDoor frontDoor = resources.openFrontDoor(settings.viaProxy(), mirror, control.config());
    SyntheticApplication application = resources.startApplication(settings, history);
    log.line("%d threads through %s", settings.applicationThreads(), frontDoor.describe());
    control.awaitInstances();
    log.line("%s", state(frontDoor.control().state()));
    phase.end("migration %s in SETUP; application %s", control.migrationId(), application.figures().describe());

    // taken before dual writes begin: with BACKDATE the copied history is older than any mirrored write
    long dualWritesBegan = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    step("DUAL_WRITE: dual writes on", "start dual writes", application, true);

    phase = log.begin("Try HISTORY_COPIED before the copy: refused");
    control.expectRefusal();
    phase.end("copy-finished refused the step");

    ValidatorRuns validator = new ValidatorRuns(resources.direct(Side.SOURCE), resources.direct(Side.TARGET),
        settings, log, control);
    phase = log.begin("Copy the history (" + settings.timestamps() + "), application running");
    Figures before = application.figures();
    copy = validator.copyHistory(dualWritesBegan);
    phase.end("%s rows copied, %s rows/s%s; application %s", PhaseLog.count(copy.rowsRead()),
        PhaseLog.count(Math.round(copy.rowsPerSecond())), copy.complete() ? "" : " (INCOMPLETE)",
        application.figures().minus(before).describe());

    step("HISTORY_COPIED", "the copy finished", application, false);

    phase = log.begin("Validate (live-aware), application running");
    phase.end("%s", validationFigures(validator.validate("1-after-copy", false)));

    phase = log.begin("Inject drift into the target");
    drift = new DriftInjector(resources.direct(Side.SOURCE), resources.direct(Side.TARGET), settings.keyspace())
        .inject(settings.driftRows(), history);
    log.line("lost on the target:  %d rows written to the source only", drift.lostOnTarget());
    log.line("stale on the target: %d profiles renamed on the source only", drift.staleOnTarget());
    log.line("extra on the target: %d profiles written to the target only", drift.extraOnTarget());
    phase.end("%d rows drifted", drift.rows());

    phase = log.begin("Validate: find the drift");
    driftFound = validator.validate("2-drift", false);
    phase.end("%s", validationFigures(driftFound));

    phase = log.begin("Try VALIDATED with the drift found: refused");
    control.expectRefusal();
    phase.end("validation-clean refused the step");

    phase = log.begin("Repair from the validation's ledger");
    repair = validator.repair(driftFound);
    phase.end("%d rows written, %d deleted, %d left alone", repaired(RepairAction.Kind.WRITE_CELLS),
        repaired(RepairAction.Kind.DELETE_ROW), repair.actions().size() - repair.changes().size());

    phase = log.begin("Validate after the repair");
    afterRepair = validator.validate("3-after-repair", false);
    phase.end("%s", validationFigures(afterRepair));

    step("VALIDATED", "validated clean after the repair", application, false);
    step("READS_ON_TARGET: reads from the target", "cutover 1", application, true);
    step("TARGET_PRIMARY: target answers writes", "cutover 2", application, true);

    phase = log.begin("Stop the application's writes (reads go on)");
    application.stopWriting();
    long pending = drainFailedWrites();
    phase.end("no write underway; failed-write log: %d writes pending", pending);

    boolean writetimes = settings.timestamps() == TimestampStrategy.PRESERVE;
    phase = log.begin("Final validation: " + (writetimes ? "values and writetimes" : "values"));
    log.line("no write is underway and mirroring is still on: the source has every write, so 0 is the answer");
    finalCheck = validator.validate("4-final", writetimes);
    phase.end("%s", validationFigures(finalCheck));

    step("TARGET_ONLY: mirroring off", "cutover 3", application, true);
    step("DONE", "migrated", application, false);
    migrationHistory = control.history();

    phase = log.begin("Stop the application");
    resources.stopApplication();
    phase.end("in all: %s", application.figures().describe());
  }

  /**
   * One step forward through the control plane: every gate's verdict, the front door's state once it applied
   * the step, and, for a step that changes what the application does, the application left running a while.
   */
  private void step(String title, String reason, SyntheticApplication application, boolean run)
      throws InterruptedException {
    Phase phase = log.begin("Step to " + title);
    control.advance(reason);
    log.line("%s", state(resources.frontDoor().control().state()));
    phase.end("%s", run ? runApplication(application) : "version " + control.current().version());
  }

  /** Lets the application run for the phase duration; returns what it did meanwhile. */
  private String runApplication(SyntheticApplication application) throws InterruptedException {
    Figures before = application.figures();
    Thread.sleep(settings.phaseDuration().toMillis());
    return "application " + application.figures().minus(before).describe();
  }

  /** Replays whatever the mirror could not apply (nothing, normally) and returns what is still pending. */
  private long drainFailedWrites() throws InterruptedException {
    MirrorEngine engine = resources.frontDoor().engine();
    if (engine.failedWrites().pendingCount() > 0) {
      try {
        engine.replayNow().toCompletableFuture().get(60, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        log.line("replay did not finish: %s", e);
      }
    }
    return engine.failedWrites().pendingCount();
  }

  private long repaired(RepairAction.Kind kind) {
    return repair.counts().get(kind);
  }

  private static String validationFigures(ValidationReport report) {
    return PhaseLog.count(report.totalRowsCompared()) + " rows compared, " + report.totalMismatches()
        + " mismatches (" + report.total(MismatchKind.IN_FLIGHT) + " in flight)";
  }

  private static String hostAndPort(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }

  private static String state(MigrationState state) {
    return "reads from the " + state.readSide().name().toLowerCase() + ", primary: "
        + state.primary().name().toLowerCase() + ", mirroring: "
        + (state.mirroring() ? "on (" + state.defaultMode() + ")" : "off");
  }

  private void printVerdict() {
    Figures application = resources.applicationFigures();
    log.plain("");
    if (application != null) {
      log.plain("Application:  %s", application.describe());
      if (application.errors() > 0) {
        failures.add(application.errors() + " application errors");
      }
      if (application.missedReads() > 0) {
        failures.add(application.missedReads() + " reads did not find a row that exists");
      }
    }
    if (copy != null) {
      log.plain("History:      %s rows preloaded, %s rows copied (%s) at %s rows/s", PhaseLog.count(history.rows()),
          PhaseLog.count(copy.rowsRead()), settings.timestamps(), PhaseLog.count(Math.round(copy.rowsPerSecond())));
    }
    if (repair != null) {
      log.plain("Drift:        %d rows injected; found %s; repaired %d rows; after repair %d mismatches",
          drift.rows(), ValidatorRuns.kinds(driftFound), repair.changes().size(), afterRepair == null ? -1
              : afterRepair.totalMismatches());
    }
    if (finalCheck != null) {
      long inFlight = finalCheck.total(MismatchKind.IN_FLIGHT);
      log.plain("Final check:  %s rows compared, %d mismatches, %d in flight", PhaseLog.count(
          finalCheck.totalRowsCompared()), finalCheck.totalMismatches(), inFlight);
      if (!finalCheck.hasNoMismatches() || inFlight > 0) {
        failures.add("the final validation found differences (" + ValidatorRuns.kinds(finalCheck) + ")");
      }
      finalCheck.html().ifPresent(html -> log.plain("HTML report:  %s", html));
    } else if (failures.isEmpty()) {
      failures.add("the final validation did not run");
    }
    if (migrationHistory != null) {
      PhaseChange last = migrationHistory.get(migrationHistory.size() - 1);
      log.plain("Migration:    %s reached %s at version %d; %d history entries, %d forced (tandem migrate history %s)",
          settings.migrationId(), last.to(), last.version(), migrationHistory.size(),
          migrationHistory.stream().filter(PhaseChange::forced).count(), settings.migrationId());
    } else if (failures.isEmpty()) {
      failures.add("the migration did not reach DONE");
    }
    if (!settings.embedded() && schemaCreated) {
      log.plain("Keyspace %s stays on both clusters: DROP KEYSPACE %s when done.", settings.keyspace(),
          settings.keyspace());
      log.plain("Migration %s stays in the control store (keyspace tandem_control on the source).",
          settings.migrationId());
    }
    log.plain(failures.isEmpty() ? "SUCCESS: migrated live with 0 application errors and 0 differences"
        : "FAILED: " + String.join("; ", failures));
  }
}
