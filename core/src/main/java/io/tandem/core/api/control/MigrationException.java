package io.tandem.core.api.control;

import java.util.List;
import java.util.Objects;

/**
 * A migration could not be read or changed; the message says what is wrong and what to do, and nothing was
 * changed. {@link #reason()} tells callers (and the CLI's exit code) which case it is.
 */
public class MigrationException extends RuntimeException {

  /** Why a read or change of a migration failed. */
  public enum Reason {
    /** No migration has that id. */
    UNKNOWN_MIGRATION,
    /** A migration with that id exists already. */
    ALREADY_EXISTS,
    /** Someone else changed the migration between our read and our write. */
    CONCURRENT_CHANGE,
    /** A gate refused the step; see {@link #gates()}. */
    GATES_REFUSED,
    /** The step asked for is not the next or previous phase, or not allowed from here. */
    INVALID_STEP,
    /** The control store could not be reached. */
    STORE_UNAVAILABLE,
    /** The stored row cannot be read as a migration. */
    MALFORMED_STATE
  }

  private final Reason reason;
  private final List<GateResult> gates;

  public MigrationException(Reason reason, String message) {
    this(reason, message, List.of(), null);
  }

  public MigrationException(Reason reason, String message, Throwable cause) {
    this(reason, message, List.of(), cause);
  }

  public MigrationException(Reason reason, String message, List<GateResult> gates, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.gates = List.copyOf(gates);
  }

  public Reason reason() {
    return reason;
  }

  /** Every gate's result when {@link #reason()} is {@link Reason#GATES_REFUSED}; empty otherwise. */
  public List<GateResult> gates() {
    return gates;
  }
}
