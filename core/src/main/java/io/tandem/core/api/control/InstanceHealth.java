package io.tandem.core.api.control;

/**
 * The figures an instance puts in its heartbeat besides the applied version; see {@link InstanceReport}.
 */
public record InstanceHealth(long failedWritesPending, long copiesInFlight, long errors, long shadowReads,
    long shadowMismatches) {

  public static final InstanceHealth NONE = new InstanceHealth(0, 0, 0, 0, 0);
}
