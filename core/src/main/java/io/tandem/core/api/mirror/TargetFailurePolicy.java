package io.tandem.core.api.mirror;

/**
 * What a {@link MirrorMode#SYNC} caller sees when the secondary finally fails. Either way the write is
 * appended to the failed-write log and replayed later: a write the primary acknowledged is never lost.
 */
public enum TargetFailurePolicy {
  /** The caller succeeds; the write waits in the failed-write log. The default. */
  LOG_FOR_REPLAY,
  /** The caller gets the secondary's error (the write is still logged for replay). */
  FAIL_CALLER
}
