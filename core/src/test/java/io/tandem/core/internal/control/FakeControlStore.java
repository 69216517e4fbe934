package io.tandem.core.internal.control;

import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationException.Reason;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.PhaseChange;
import io.tandem.core.api.control.ValidationSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny store for the follower's tests: records set directly ({@link #put}, as a coordinator or a restore from
 * backup would), heartbeats and deregistrations kept, and switches that make it unreachable or its row malformed.
 */
final class FakeControlStore implements ControlStore {

  private final Map<String, MigrationRecord> migrations = new ConcurrentHashMap<>();
  private final Map<String, InstanceReport> instances = new ConcurrentHashMap<>();
  final List<InstanceReport> heartbeats = new CopyOnWriteArrayList<>();
  final List<String> deregistered = new CopyOnWriteArrayList<>();
  volatile boolean unreachable;
  volatile boolean malformed;
  /** Thrown by every call while set: an unexpected failure, not one the store documents. */
  volatile RuntimeException broken;

  void put(MigrationRecord record) {
    migrations.put(record.id(), record);
  }

  private void reach() {
    if (broken != null) {
      throw broken;
    }
    if (unreachable) {
      throw new MigrationException(Reason.STORE_UNAVAILABLE, "control cluster unreachable (test)");
    }
  }

  @Override
  public Optional<MigrationRecord> load(String id) {
    reach();
    if (malformed) {
      throw new MigrationException(Reason.MALFORMED_STATE, "phase 'SIDEWAYS' is not a phase (test)");
    }
    return Optional.ofNullable(migrations.get(id));
  }

  @Override
  public void create(MigrationRecord first, PhaseChange entry) {
    reach();
    put(first);
  }

  @Override
  public void change(MigrationRecord current, MigrationRecord next, PhaseChange entry) {
    reach();
    put(next);
  }

  @Override
  public List<PhaseChange> history(String id) {
    return List.of();
  }

  @Override
  public void heartbeat(String migrationId, InstanceReport report) {
    reach();
    heartbeats.add(report);
    instances.put(report.instanceId(), report);
  }

  @Override
  public void deregister(String migrationId, String instanceId) {
    reach();
    deregistered.add(instanceId);
    instances.remove(instanceId);
  }

  @Override
  public List<InstanceReport> instances(String migrationId) {
    reach();
    return new ArrayList<>(instances.values());
  }

  InstanceReport lastHeartbeat() {
    return heartbeats.get(heartbeats.size() - 1);
  }

  @Override
  public void recordCopyProgress(String migrationId, CopyProgress progress) {}

  @Override
  public List<CopyProgress> copyProgress(String migrationId) {
    return List.of();
  }

  @Override
  public void recordValidation(String migrationId, ValidationSummary summary) {}

  @Override
  public List<ValidationSummary> validations(String migrationId) {
    return List.of();
  }

  @Override
  public void close() {}
}
