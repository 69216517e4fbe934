package io.tandem.proxy.internal.topology;

import com.datastax.oss.protocol.internal.ProtocolConstants;
import com.datastax.oss.protocol.internal.response.result.ColumnSpec;
import com.datastax.oss.protocol.internal.response.result.RawType;
import io.tandem.core.api.Side;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The cluster name and data center that clients see in {@code system.local}, fixed for the proxy's life: the
 * source cluster's, given at start or learned from the first {@code system.local} row the source answers.
 *
 * <p>Why: once reads move to the target, {@code system.local} is answered by the target. A driver that opens a
 * connection (a restarted proxy, a pool growing, a reconnect) to a node whose cluster name changed forces that
 * node down for good ({@code ClusterNameMismatchException}), and one whose data center is no longer its local one
 * stops sending it requests. A name not known yet is left as the answering cluster says it. Thread-safe.
 */
final class ClusterIdentity {

  private static final RawType TEXT = RawType.PRIMITIVES.get(ProtocolConstants.DataType.VARCHAR);
  private static final String CLUSTER_NAME = "cluster_name";
  private static final String DATA_CENTER = "data_center";

  private volatile ByteBuffer clusterName;
  private volatile ByteBuffer dataCenter;

  /**
   * @param clusterName the source cluster's name, or {@code null} to learn it from the source's answers
   * @param dataCenter the source data center clients see, or {@code null} to learn it likewise
   */
  ClusterIdentity(String clusterName, String dataCenter) {
    this.clusterName = encode(clusterName);
    this.dataCenter = encode(dataCenter);
  }

  /** The cluster name shown to clients, or {@code null} while not known. */
  String clusterName() {
    return CqlValues.text(clusterName);
  }

  /** The data center shown to clients, or {@code null} while not known. */
  String dataCenter() {
    return CqlValues.text(dataCenter);
  }

  /** Learns what is not known yet from a row {@code side} answered, then puts the known values in it. */
  void apply(Side side, List<ColumnSpec> columns, List<ByteBuffer> row) {
    for (int index = 0; index < columns.size(); index++) {
      ColumnSpec column = columns.get(index);
      if (!TEXT.equals(column.type)) {
        continue;
      }
      if (CLUSTER_NAME.equals(column.name)) {
        row.set(index, pinned(side, row.get(index), true));
      } else if (DATA_CENTER.equals(column.name)) {
        row.set(index, pinned(side, row.get(index), false));
      }
    }
  }

  private synchronized ByteBuffer pinned(Side side, ByteBuffer answered, boolean isClusterName) {
    ByteBuffer known = isClusterName ? clusterName : dataCenter;
    if (known == null && side == Side.SOURCE && answered != null) {
      known = answered.asReadOnlyBuffer();
      if (isClusterName) {
        clusterName = known;
      } else {
        dataCenter = known;
      }
    }
    return known == null ? answered : known.duplicate();
  }

  private static ByteBuffer encode(String text) {
    return text == null ? null : ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
  }
}
