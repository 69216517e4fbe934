package io.tandem.core.api.control;

/**
 * An instance as the gates see it: its last report, whether it is live, stale or gone (by the age of its
 * heartbeat against {@code stale-after} and {@code forget-after}, or its own stale flag), and whether it applied
 * the migration's current version.
 */
public record InstanceStatus(InstanceReport report, Liveness liveness, boolean acknowledged) {

  /** Live: heartbeat recent and store reachable. Stale: silent or cut off from the store. Gone: forgotten. */
  public enum Liveness {
    LIVE,
    STALE,
    GONE
  }
}
