package io.tandem.core.internal.control;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.PhaseChange;
import io.tandem.core.api.control.ValidationSummary;
import java.util.List;
import java.util.Optional;

/** Placeholder until the control store lands. */
public final class CassandraControlStore implements ControlStore {
  public CassandraControlStore(CqlSession session, ControlConfig config) {
    throw new UnsupportedOperationException("not yet");
  }
  @Override public Optional<MigrationRecord> load(String id) { throw new UnsupportedOperationException(); }
  @Override public void create(MigrationRecord first, PhaseChange entry) { throw new UnsupportedOperationException(); }
  @Override public void change(MigrationRecord current, MigrationRecord next, PhaseChange entry) { throw new UnsupportedOperationException(); }
  @Override public List<PhaseChange> history(String id) { throw new UnsupportedOperationException(); }
  @Override public void heartbeat(String migrationId, InstanceReport report) { throw new UnsupportedOperationException(); }
  @Override public void deregister(String migrationId, String instanceId) { throw new UnsupportedOperationException(); }
  @Override public List<InstanceReport> instances(String migrationId) { throw new UnsupportedOperationException(); }
  @Override public void recordCopyProgress(String migrationId, CopyProgress progress) { throw new UnsupportedOperationException(); }
  @Override public List<CopyProgress> copyProgress(String migrationId) { throw new UnsupportedOperationException(); }
  @Override public void recordValidation(String migrationId, ValidationSummary summary) { throw new UnsupportedOperationException(); }
  @Override public List<ValidationSummary> validations(String migrationId) { throw new UnsupportedOperationException(); }
  @Override public void close() {}
}
