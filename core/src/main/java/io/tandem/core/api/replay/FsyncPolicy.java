package io.tandem.core.api.replay;

/** When appended entries are forced to disk. */
public enum FsyncPolicy {
  /** After every append: nothing logged is lost even if the machine loses power. Slowest. */
  ALWAYS,
  /**
   * At most once per configured interval (default 100 ms), and every append within one interval: an append
   * forces the log when the last force is older than the interval, otherwise a force is scheduled for when
   * the interval is up; closing the log forces it. A power loss can lose the writes appended in the last
   * interval.
   */
  INTERVAL,
  /** Left to the operating system: survives a process crash, not a power loss. */
  NEVER
}
