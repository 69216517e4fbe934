package io.tandem.proxy.internal.server;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import io.tandem.core.api.Side;
import io.tandem.proxy.internal.frame.SegmentFraming;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The protocol versions clients are offered: the configured ones, without v5 unless both clusters speak it.
 * What a cluster speaks is the version the proxy's driver session to it negotiated (v5 with Cassandra 4.0+,
 * v4 with 3.x; DSE's own versions count as v4), since every forwarded connection speaks the client's version.
 */
final class OfferedProtocolVersions {

  /** DSE_V1 and later are DataStax Enterprise's own versions, not the Apache ones. */
  private static final int FIRST_DSE_VERSION = 65;

  private OfferedProtocolVersions() {}

  /**
   * @param negotiated the version each cluster's driver session negotiated; no entry when not known (no session
   *     open yet: the cluster is mirrored with clients' credentials), which offers no v5
   * @throws IllegalStateException when nothing configured is left to offer
   */
  static Set<Integer> of(Set<Integer> configured, Map<Side, ProtocolVersion> negotiated) {
    Set<Integer> offered = new TreeSet<>(configured);
    Side lacking = null;
    for (Side side : Side.values()) {
      ProtocolVersion version = negotiated.get(side);
      if (lacking == null && (version == null || highestApacheVersion(version) < SegmentFraming.FIRST_VERSION)) {
        lacking = side;
      }
    }
    if (lacking != null) {
      offered.remove(SegmentFraming.FIRST_VERSION);
    }
    if (offered.isEmpty()) {
      throw new IllegalStateException("Protocol v5 is the only version configured (--protocol-version), but the "
          + lacking.name().toLowerCase() + " cluster speaks " + spoken(negotiated.get(lacking)) + ": offer 4 as well");
    }
    return offered;
  }

  /** A negotiated version for a message; {@code null} reads as not known yet. */
  static String spoken(ProtocolVersion version) {
    return version == null ? "a version the proxy learns only once a client logs in" : version.name();
  }

  private static int highestApacheVersion(ProtocolVersion version) {
    return version.getCode() >= FIRST_DSE_VERSION ? 4 : version.getCode();
  }
}
