package io.tandem.core.api.replay;

/** When appended entries are forced to disk. */
public enum FsyncPolicy {
  /** After every append: nothing logged is lost even if the machine loses power. Slowest. */
  ALWAYS,
  /**
   * At most once per configured interval (default 100 ms): an append forces the log when the last force is
   * older than the interval, and closing the log forces it. A power loss can lose the writes appended since
   * the last force.
   */
  INTERVAL,
  /** Left to the operating system: survives a process crash, not a power loss. */
  NEVER
}
