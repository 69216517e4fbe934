package io.tandem.core.api.mirror;

/** How a write reaches the secondary cluster. */
public enum MirrorMode {
  /** The caller's answer waits for both clusters. */
  SYNC,
  /** The caller gets the primary's answer; the secondary is written in the background. */
  ASYNC,
  /** Not mirrored: the write goes to the primary only (a filtered keyspace or table). */
  OFF
}
