package io.tandem.validator.api.copy;

/** How a counter table is copied (counters have no writetime and cannot be set). The default is {@link #REFUSE}. */
public enum CounterMode {
  /** A counter table fails fast, asking to choose {@link #ADD_DIFFERENCE}. */
  REFUSE,
  /**
   * For each source row, read the target's counters and add {@code source - target} to them. Run it once, with
   * counter writes to the target either mirrored already (the difference then covers history only) or stopped:
   * it is not idempotent under concurrent increments, and a range retried after a failure may add twice.
   */
  ADD_DIFFERENCE
}
