package io.tandem.examples.demo;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.api.control.GateResult;
import io.tandem.core.api.control.InstanceStatus;
import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.control.PhaseChange;
import io.tandem.core.api.control.StepRequest;
import io.tandem.core.api.control.ValidationSummary;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.validator.api.copy.CopyReport;
import io.tandem.validator.api.validate.TableValidation;
import io.tandem.validator.api.validate.ValidationReport;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo's operator: the migration in the control store ({@code tandem_control} on the source cluster), moved
 * through its phases with the same {@link MigrationCoordinator} {@code tandem migrate} uses, and the copy and
 * validations recorded for the gates as {@code tandem copy|validate --migration ID} record them. Each step prints
 * every gate's verdict, then waits until every instance following the migration (the demo's front door) applied
 * it.
 */
final class DemoControlPlane implements AutoCloseable {

  static final String OPERATOR = "live-migration-demo";

  /** Instances apply a change within twice the poll interval; this leaves room for a busy machine. */
  private static final Duration APPLY_DEADLINE = Duration.ofSeconds(20);

  private final ControlStore store;
  private final MigrationCoordinator coordinator;
  private final ControlConfig config;
  private final PhaseLog log;

  private DemoControlPlane(ControlStore store, ControlConfig config, PhaseLog log) {
    this.store = store;
    this.config = config;
    this.coordinator = MigrationCoordinator.create(store, config, Clock.systemUTC());
    this.log = log;
  }

  /**
   * Creates the migration {@code id} in SETUP (writes not mirrored yet; mirrored {@code SYNC} from DUAL_WRITE
   * on) in the control store on the cluster {@code controlCluster} is connected to (the keyspace is created on
   * first use).
   */
  static DemoControlPlane create(CqlSession controlCluster, String id, PhaseLog log) {
    ControlConfig config = ControlConfig.defaults().withMigrationId(id);
    DemoControlPlane plane = new DemoControlPlane(ControlStore.cassandra(controlCluster, config), config, log);
    try {
      plane.coordinator.create(id, MirrorMode.SYNC, Map.of(), OPERATOR);
      return plane;
    } catch (RuntimeException e) {
      plane.close();
      throw e;
    }
  }

  /** What every instance follows: the migration id, the store's keyspace and cluster. */
  ControlConfig config() {
    return config;
  }

  String migrationId() {
    return config.migrationId();
  }

  MigrationRecord current() {
    return coordinator.status(migrationId()).migration();
  }

  /** The step to the next phase, gates enforced: prints each gate, then waits until every instance applied it. */
  MigrationRecord advance(String reason) throws InterruptedException {
    Phase from = current().phase();
    log.line("tandem migrate advance %s  (%s -> %s)", migrationId(), from, from.next());
    MigrationRecord moved = coordinator.advance(migrationId(), StepRequest.by(OPERATOR, reason));
    List<PhaseChange> history = coordinator.history(migrationId());
    printGates(history.get(history.size() - 1).gates());
    awaitApplied(moved);
    return moved;
  }

  /**
   * Asks for the next step expecting a refusal: prints the gates and what the coordinator answered.
   *
   * @throws IllegalStateException when the step went ahead after all
   */
  void expectRefusal() {
    Phase from = current().phase();
    log.line("tandem migrate advance %s  (%s -> %s)", migrationId(), from, from.next());
    try {
      coordinator.advance(migrationId(), StepRequest.by(OPERATOR, "too early, on purpose"));
    } catch (MigrationException e) {
      if (e.reason() != MigrationException.Reason.GATES_REFUSED) {
        throw e;
      }
      printGates(e.gates());
      log.line("refused: the migration stays in %s, version %d", from, current().version());
      return;
    }
    throw new IllegalStateException("The step out of " + from + " should have been refused by its gates");
  }

  /** Records the copy of one table as {@code tandem copy --migration ID} does: every range once complete. */
  void recordCopy(String qualifiedTable, CopyReport report, int ranges) {
    long done = report.complete() ? ranges : Math.max(0, ranges - report.failedRanges().size());
    store.recordCopyProgress(migrationId(), new CopyProgress(qualifiedTable, done, ranges,
        Clock.systemUTC().instant()));
  }

  /** Records each table's outcome as {@code tandem validate --migration ID} does; a cancelled table proves nothing. */
  void recordValidation(ValidationReport report) {
    for (TableValidation table : report.tables()) {
      if (!table.cancelled()) {
        store.recordValidation(migrationId(), new ValidationSummary(table.table(), table.scanStart(),
            table.scanStart().plus(table.duration()), table.realMismatches(), table.failedRanges().size()));
      }
    }
  }

  List<PhaseChange> history() {
    return coordinator.history(migrationId());
  }

  private void printGates(List<GateResult> gates) {
    gates.forEach(gate -> log.line("  %s", gate));
  }

  /** Polls the instances' heartbeats until each one applied {@code record}'s version. */
  private void awaitApplied(MigrationRecord record) throws InterruptedException {
    long deadline = System.nanoTime() + APPLY_DEADLINE.toNanos();
    long began = System.nanoTime();
    while (true) {
      List<InstanceStatus> instances = coordinator.instances(migrationId());
      if (!instances.isEmpty() && instances.stream().allMatch(InstanceStatus::acknowledged)) {
        log.line("now %s, version %d: applied by %d instance(s) in %s", record.phase(), record.version(),
            instances.size(), PhaseLog.seconds(Duration.ofNanos(System.nanoTime() - began)));
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The front door did not apply version " + record.version() + " ("
            + record.phase() + ") of migration " + migrationId() + " within " + APPLY_DEADLINE.toSeconds()
            + " s; see tandem migrate instances " + migrationId());
      }
      Thread.sleep(100);
    }
  }

  /** Waits until at least one instance follows the migration at its current version. */
  void awaitInstances() throws InterruptedException {
    awaitApplied(current());
  }

  /** Closes the store; the cluster session stays the caller's. */
  @Override
  public void close() {
    store.close();
  }
}
