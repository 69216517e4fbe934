package io.tandem.core.internal.control;

import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.InstanceStatus;
import io.tandem.core.api.control.MigrationCoordinator;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.MigrationStatus;
import io.tandem.core.api.control.PhaseChange;
import io.tandem.core.api.control.StepRequest;
import io.tandem.core.api.mirror.MirrorMode;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Placeholder until the coordinator lands. */
public final class DefaultMigrationCoordinator implements MigrationCoordinator {
  public DefaultMigrationCoordinator(ControlStore store, ControlConfig config, Clock clock) {}
  @Override public MigrationRecord create(String id, MirrorMode defaultMode, Map<String, MirrorMode> overrides, String who) { throw new UnsupportedOperationException(); }
  @Override public MigrationStatus status(String id) { throw new UnsupportedOperationException(); }
  @Override public MigrationRecord advance(String id, StepRequest request) { throw new UnsupportedOperationException(); }
  @Override public MigrationRecord rollback(String id, StepRequest request) { throw new UnsupportedOperationException(); }
  @Override public List<PhaseChange> history(String id) { throw new UnsupportedOperationException(); }
  @Override public List<InstanceStatus> instances(String id) { throw new UnsupportedOperationException(); }
}
