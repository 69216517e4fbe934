package io.tandem.core.api.control;

import java.util.List;

/**
 * Where a migration stands and what stands in the way of its next step.
 *
 * @param migration the stored record
 * @param instances every instance that reported and has not deregistered
 * @param next the next phase, or {@code null} when {@code DONE}
 * @param gates the gates of the step to {@code next}, checked now (empty when {@code DONE})
 */
public record MigrationStatus(MigrationRecord migration, List<InstanceStatus> instances, Phase next,
    List<GateResult> gates) {

  public MigrationStatus {
    instances = List.copyOf(instances);
    gates = List.copyOf(gates);
  }

  /** Whether every gate of the next step passes. */
  public boolean ready() {
    return next != null && gates.stream().allMatch(GateResult::passed);
  }
}
