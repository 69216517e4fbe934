package io.tandem.validator.internal.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.Version;
import com.datastax.oss.driver.api.core.metadata.Node;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the scanned clusters' CQL can answer. Only Cassandra 5.0 and later answer {@code WRITETIME(c)} and
 * {@code TTL(c)} of a multi-cell column (non-frozen collection or UDT); older versions refuse the whole query.
 */
public final class ClusterCapabilities {

  private static final Version FIRST_WITH_MULTI_CELL_METADATA = Version.parse("5.0.0");

  private ClusterCapabilities() {}

  /**
   * Whether every node of every given cluster reads the writetime and TTL of multi-cell columns. A node whose
   * version is unknown counts as unable: the scan then asks for values only, which every version answers.
   */
  public static boolean readMultiCellMetadata(CqlSession... sessions) {
    List<Version> versions = new ArrayList<>();
    for (CqlSession session : sessions) {
      for (Node node : session.getMetadata().getNodes().values()) {
        versions.add(node.getCassandraVersion());
      }
    }
    return readMultiCellMetadata(versions);
  }

  /** Whether all these node versions (null: unknown) read the writetime and TTL of multi-cell columns. */
  public static boolean readMultiCellMetadata(Collection<Version> nodeVersions) {
    return !nodeVersions.isEmpty() && nodeVersions.stream()
        .allMatch(version -> version != null && version.nextStable().compareTo(FIRST_WITH_MULTI_CELL_METADATA) >= 0);
  }
}
