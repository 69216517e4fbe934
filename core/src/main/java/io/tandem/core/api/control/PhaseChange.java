package io.tandem.core.api.control;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a migration's append-only history: who moved it from which phase to which, when, why, what the
 * gates said and whether they were overridden.
 *
 * @param version the version the change created
 * @param from the phase before ({@code null} for the entry that created the migration)
 */
public record PhaseChange(long version, Phase from, Phase to, String who, Instant at, String reason,
    List<GateResult> gates, boolean forced) {

  public PhaseChange {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(who, "who");
    Objects.requireNonNull(at, "at");
    reason = reason == null ? "" : reason;
    gates = List.copyOf(gates);
  }
}
