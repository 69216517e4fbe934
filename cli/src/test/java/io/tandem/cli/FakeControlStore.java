package io.tandem.cli;

import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.PhaseChange;
import io.tandem.core.api.control.ValidationSummary;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A control store in memory for the CLI's tests: migrations, copy progress and validations; {@link #unreachable}
 * makes every call fail as an unreachable cluster does.
 */
public final class FakeControlStore implements ControlStore {

  public final Map<String, MigrationRecord> migrations = new ConcurrentHashMap<>();
  public final List<CopyProgress> progress = new CopyOnWriteArrayList<>();
  public final List<ValidationSummary> validations = new CopyOnWriteArrayList<>();
  public volatile boolean unreachable;

  @Override
  public Optional<MigrationRecord> load(String id) {
    reachable();
    return Optional.ofNullable(migrations.get(id));
  }

  @Override
  public void create(MigrationRecord first, PhaseChange entry) {
    reachable();
    migrations.put(first.id(), first);
  }

  @Override
  public void change(MigrationRecord current, MigrationRecord next, PhaseChange entry) {
    reachable();
    migrations.put(next.id(), next);
  }

  @Override
  public List<PhaseChange> history(String id) {
    reachable();
    return List.of();
  }

  @Override
  public void heartbeat(String migrationId, InstanceReport report) {
    reachable();
  }

  @Override
  public void deregister(String migrationId, String instanceId) {
    reachable();
  }

  @Override
  public List<InstanceReport> instances(String migrationId) {
    reachable();
    return List.of();
  }

  @Override
  public void recordCopyProgress(String migrationId, CopyProgress copy) {
    reachable();
    progress.add(copy);
  }

  @Override
  public List<CopyProgress> copyProgress(String migrationId) {
    reachable();
    return List.copyOf(progress);
  }

  @Override
  public void recordValidation(String migrationId, ValidationSummary summary) {
    reachable();
    validations.add(summary);
  }

  @Override
  public List<ValidationSummary> validations(String migrationId) {
    reachable();
    return List.copyOf(validations);
  }

  @Override
  public void close() {}

  private void reachable() {
    if (unreachable) {
      throw new MigrationException(MigrationException.Reason.STORE_UNAVAILABLE, "control cluster down");
    }
  }
}
