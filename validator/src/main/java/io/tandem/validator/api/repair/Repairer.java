package io.tandem.validator.api.repair;

/**
 * Fixes what a validation found, cell by cell and never against last-write-wins: each candidate row is read
 * again on both sides; a source cell is written only where it is newer than the target's (or the target has
 * none), at the source cell's own writetime and TTL; rows only on the target are deleted only when asked.
 * Build one with {@link #builder()}.
 */
public interface Repairer {

  /** Re-reads every candidate, decides, and (unless a dry run) writes. Blocks until done. */
  RepairReport run();

  static RepairerBuilder builder() {
    return new RepairerBuilder();
  }
}
