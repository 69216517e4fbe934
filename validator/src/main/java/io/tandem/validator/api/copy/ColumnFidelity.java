package io.tandem.validator.api.copy;

/** How faithfully one column is copied, and why: exact, approximated (say how), or backdated. */
public record ColumnFidelity(String column, Fidelity fidelity, String note) {

  /** How a column's cells arrive on the target. */
  public enum Fidelity {
    /** Values, per-cell writetimes and remaining TTLs as on the source. */
    EXACT,
    /** Values as on the source, but writetime or TTL (or cell layout) only approximated; the note says how. */
    APPROXIMATED,
    /** Values and TTLs as on the source; every writetime is the backdate timestamp. */
    BACKDATED
  }
}
