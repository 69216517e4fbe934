package io.tandem.core.api.mirror;

/** What happened to the secondary's copy of a write. */
public enum MirrorOutcome {
  /** The secondary applied it. */
  MIRRORED,
  /** It is in the failed-write log and will be replayed (secondary down, breaker open, backpressure). */
  LOGGED_FOR_REPLAY,
  /** Not mirrored: mirroring is off for this table, or the statement is a read. */
  SKIPPED
}
