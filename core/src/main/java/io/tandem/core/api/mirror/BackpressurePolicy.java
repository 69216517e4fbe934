package io.tandem.core.api.mirror;

/** What happens when the maximum number of mirrored writes is already in flight. */
public enum BackpressurePolicy {
  /** The caller waits up to the configured time for a slot, then the write goes to the log. The default. */
  WAIT,
  /** The write goes to the failed-write log at once; the caller never waits. */
  LOG_FOR_REPLAY
}
