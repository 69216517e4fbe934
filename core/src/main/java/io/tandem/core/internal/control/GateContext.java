package io.tandem.core.internal.control;

import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.api.control.InstanceStatus;
import io.tandem.core.api.control.InstanceStatus.Liveness;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.ValidationSummary;
import java.time.Instant;
import java.util.List;

/** Everything a {@link Gate} looks at, read from the store once per check. */
record GateContext(MigrationRecord record, List<InstanceStatus> instances, List<CopyProgress> copies,
    List<ValidationSummary> validations, ControlConfig config, Instant now) {

  GateContext {
    instances = List.copyOf(instances);
    copies = List.copyOf(copies);
    validations = List.copyOf(validations);
  }

  /** The instances that count: live and stale ones; gone ones were forgotten. */
  List<InstanceStatus> following() {
    return instances.stream().filter(status -> status.liveness() != Liveness.GONE).toList();
  }
}
