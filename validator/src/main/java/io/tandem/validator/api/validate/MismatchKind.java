package io.tandem.validator.api.validate;

/** How a row differs between the clusters, after the live-aware recheck. */
public enum MismatchKind {
  /** Differed at scan time but converged, or a differing cell was written after the scan started: dual writes at work. */
  IN_FLIGHT,
  /** Present on both sides with differing cells (values, or writetimes/TTLs when compared). */
  MISMATCH,
  /** Present on the source only. */
  MISSING_IN_TARGET,
  /** Present on the target only. */
  MISSING_IN_SOURCE,
  /**
   * Present on both sides with equal values, but writetimes that differ by no more than the writetime tolerance
   * ({@code ValidatorBuilder.writetimeTolerance}), e.g. rows written by LWTs. Not a mismatch, never repaired,
   * but counted and listed so it is never taken for equal.
   */
  WRITETIME_WITHIN_TOLERANCE
}
