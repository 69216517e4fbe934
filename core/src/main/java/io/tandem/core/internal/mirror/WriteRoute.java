package io.tandem.core.internal.mirror;

/** Which clusters a write goes to, and how: the outcome of {@link WritePlanner#route}. */
enum WriteRoute {
  /** To the primary only, exactly as the front door handed it over (no timestamp, no rewriting). */
  PRIMARY_ONLY,
  /**
   * A schema change: the primary first, then the secondary, and the caller waits for both whatever the mode;
   * sent as it came (schema statements take no timestamp).
   */
  SCHEMA_CHANGE,
  /** Prepared for both clusters; the caller waits for both copies. */
  SYNC,
  /** Prepared for both clusters; the caller gets the primary's answer, the copy follows in the background. */
  ASYNC
}
