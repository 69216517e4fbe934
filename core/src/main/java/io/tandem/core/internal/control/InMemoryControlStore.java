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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ControlStore} in this process's memory, for tests and single-process trials: the same semantics as the
 * Cassandra store (a change wins only on the version it read; record and history change together), one lock for
 * everything. Never unavailable.
 */
public final class InMemoryControlStore implements ControlStore {

  private final Object lock = new Object();
  private final Map<String, MigrationRecord> migrations = new HashMap<>();
  private final Map<String, List<PhaseChange>> histories = new HashMap<>();
  private final Map<String, Map<String, InstanceReport>> instances = new HashMap<>();
  private final Map<String, Map<String, CopyProgress>> copies = new HashMap<>();
  private final Map<String, List<ValidationSummary>> validations = new HashMap<>();

  @Override
  public Optional<MigrationRecord> load(String id) {
    synchronized (lock) {
      return Optional.ofNullable(migrations.get(id));
    }
  }

  @Override
  public void create(MigrationRecord first, PhaseChange entry) {
    synchronized (lock) {
      MigrationRecord existing = migrations.get(first.id());
      if (existing != null) {
        throw new MigrationException(Reason.ALREADY_EXISTS, "A migration '" + first.id() + "' exists already (in "
            + existing.phase() + ", version " + existing.version() + "); pick another id or see it with "
            + "`tandem migrate status " + first.id() + "`");
      }
      migrations.put(first.id(), first);
      histories.put(first.id(), new ArrayList<>(List.of(entry)));
    }
  }

  @Override
  public void change(MigrationRecord current, MigrationRecord next, PhaseChange entry) {
    if (!current.id().equals(next.id())) {
      throw new IllegalArgumentException("A change cannot rename migration '" + current.id() + "' to '"
          + next.id() + "'");
    }
    synchronized (lock) {
      MigrationRecord stored = migrations.get(current.id());
      if (stored == null || stored.version() != current.version()) {
        throw new MigrationException(Reason.CONCURRENT_CHANGE, "Migration '" + current.id() + "' is no longer at "
            + "version " + current.version() + (stored == null ? "" : " (now " + stored.version() + ", in "
            + stored.phase() + ")") + ": someone else changed it first");
      }
      migrations.put(next.id(), next);
      histories.get(next.id()).add(entry);
    }
  }

  @Override
  public List<PhaseChange> history(String id) {
    synchronized (lock) {
      return List.copyOf(histories.getOrDefault(id, List.of()));
    }
  }

  @Override
  public void heartbeat(String migrationId, InstanceReport report) {
    synchronized (lock) {
      instances.computeIfAbsent(migrationId, id -> new LinkedHashMap<>()).put(report.instanceId(), report);
    }
  }

  @Override
  public void deregister(String migrationId, String instanceId) {
    synchronized (lock) {
      instances.getOrDefault(migrationId, new HashMap<>()).remove(instanceId);
    }
  }

  @Override
  public List<InstanceReport> instances(String migrationId) {
    synchronized (lock) {
      return List.copyOf(instances.getOrDefault(migrationId, Map.of()).values());
    }
  }

  @Override
  public void recordCopyProgress(String migrationId, CopyProgress progress) {
    synchronized (lock) {
      copies.computeIfAbsent(migrationId, id -> new LinkedHashMap<>()).put(progress.table(), progress);
    }
  }

  @Override
  public List<CopyProgress> copyProgress(String migrationId) {
    synchronized (lock) {
      return List.copyOf(copies.getOrDefault(migrationId, Map.of()).values());
    }
  }

  @Override
  public void recordValidation(String migrationId, ValidationSummary summary) {
    synchronized (lock) {
      validations.computeIfAbsent(migrationId, id -> new ArrayList<>()).add(summary);
    }
  }

  @Override
  public List<ValidationSummary> validations(String migrationId) {
    synchronized (lock) {
      List<ValidationSummary> all = new ArrayList<>(validations.getOrDefault(migrationId, List.of()));
      all.sort(Comparator.comparing(ValidationSummary::table)
          .thenComparing(ValidationSummary::startedAt, Comparator.reverseOrder()));
      return List.copyOf(all);
    }
  }

  @Override
  public void close() {
    // nothing to release: the state lives as long as the object
  }
}
