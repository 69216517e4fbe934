package io.tandem.core.api.mirror;

/**
 * A front door's exception for a primary write that failed, saying whether the primary may still have applied it:
 * the request reached the cluster and its answer was lost or came too late (a connection closed, a proxy-side
 * timeout, a write timeout reported by the cluster). In ASYNC mode the engine still sends the copy of such a write,
 * as SYNC mode always does, so that the clusters do not drift apart when the caller does not retry. The Java
 * driver's own exceptions are sorted without it (write timeouts and failures, client-side timeouts and closed
 * connections may have been applied; everything else was refused).
 */
public interface UncertainWriteOutcome {

  /** True when the primary may have applied the write although it failed. */
  boolean mayHaveBeenApplied();
}
