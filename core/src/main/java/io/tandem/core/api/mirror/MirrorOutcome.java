package io.tandem.core.api.mirror;

/** What happened to the secondary's copy of a write. */
public enum MirrorOutcome {
  /** The secondary applied it. */
  MIRRORED,
  /** It is in the failed-write log and will be replayed (secondary down, breaker open, backpressure). */
  LOGGED_FOR_REPLAY,
  /**
   * Not mirrored: mirroring is off for this table, the statement is a read, or both clusters refused the write
   * (nothing is owed to the secondary, so nothing is logged).
   */
  SKIPPED
}
