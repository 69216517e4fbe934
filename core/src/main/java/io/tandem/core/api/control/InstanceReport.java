package io.tandem.core.api.control;

import java.time.Instant;
import java.util.Objects;

/**
 * An instance's heartbeat: what it applied and how it is doing. Written by the instance every poll; read by the
 * gates and {@code tandem migrate instances}.
 *
 * @param instanceId unique per process (default host, process id and a random suffix)
 * @param appliedVersion the migration version the instance serves with
 * @param heartbeatAt when the instance wrote this report
 * @param stale whether its last attempt to read the store failed (it then serves with {@code appliedVersion})
 * @param failedWritesPending entries in its failed-write log not yet replayed
 * @param copiesInFlight mirrored copies under way
 * @param errors writes that failed on the secondary since the instance started
 * @param shadowReads reads compared on both clusters since start (0 when shadow reads are off)
 * @param shadowMismatches of those, the ones whose answers differed
 */
public record InstanceReport(String instanceId, InstanceKind kind, String host, long appliedVersion,
    Instant heartbeatAt, boolean stale, long failedWritesPending, long copiesInFlight, long errors,
    long shadowReads, long shadowMismatches) {

  public InstanceReport {
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(heartbeatAt, "heartbeatAt");
  }
}
