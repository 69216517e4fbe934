package io.tandem.core.api.replay;

/**
 * What one replay run did.
 *
 * @param applied entries executed successfully and removed from the log
 * @param requeued entries the cluster rejected as invalid (e.g. table missing on the target), or whose login has
 *     no session now (the proxy mirroring with clients' credentials); they were appended again at the end of the
 *     log and stay there until the cause is fixed or the session opens
 * @param setAside non-replayable entries (counter updates, list appends) moved out of the log into
 *     {@code non-replayable-writes.txt} in the log's folder, for a person to apply
 * @param remaining entries still in the log after the run
 * @param stoppedBy why the run stopped early (cluster unreachable, breaker open), or null if it finished
 */
public record ReplayReport(long applied, long requeued, long setAside, long remaining, String stoppedBy) {}
