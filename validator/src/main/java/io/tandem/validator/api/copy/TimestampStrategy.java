package io.tandem.validator.api.copy;

/** Which writetime the copied cells get on the target. The default is {@link #PRESERVE}. */
public enum TimestampStrategy {
  /** Each cell keeps its own writetime and remaining TTL. */
  PRESERVE,
  /**
   * Every write uses one timestamp taken before the scan starts (TTLs are still kept), so no live dual write,
   * always newer, can be overwritten by history.
   */
  BACKDATE
}
