package io.tandem.proxy.internal.client;

import com.datastax.oss.protocol.internal.Frame;
import com.datastax.oss.protocol.internal.request.Query;
import com.datastax.oss.protocol.internal.response.result.Rows;
import io.tandem.core.api.Side;
import io.tandem.proxy.internal.frame.RawFrame;
import io.tandem.proxy.internal.topology.SystemTableRewriter.SystemTable;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where queries on {@code system.local}, {@code system.peers} and {@code system.peers_v2} are answered: by the read
 * side, rewritten so that drivers see the proxy instances as the cluster's nodes. A peers query first reads the read
 * side's {@code system.local}, whose data center, rack, release and schema versions the peer rows repeat: drivers
 * ignore peers without them, a driver's control connection asks for both tables at once (so the client's own local
 * query may be answered second), and the schema version must be current for the driver's schema agreement checks.
 */
final class SystemTableQueries {

  private static final Logger LOG = LoggerFactory.getLogger(SystemTableQueries.class);
  private static final Query LOCAL = new Query("SELECT * FROM system.local");

  private final ProxyContext context;
  private final ClientState state;
  private final Map<Side, ClusterLink> links;
  private final PreparedRequests prepared;

  SystemTableQueries(ProxyContext context, ClientState state, Map<Side, ClusterLink> links,
      PreparedRequests prepared) {
    this.context = context;
    this.state = state;
    this.links = links;
    this.prepared = prepared;
  }

  /** Sends the client's query (taking over {@code frame}) to {@code side}; completes with the rewritten answer. */
  CompletableFuture<RawFrame> answer(Side side, Frame request, SystemTable table, RawFrame frame) {
    return learnSourceName(side)
        .thenCompose(learned -> table == SystemTable.LOCAL ? CompletableFuture.completedFuture(null) : readLocal(side))
        .thenCompose(ready -> prepared.send(side, request, frame))
        .thenApply(response -> rewrite(response, table, side));
  }

  /**
   * Before the target's answer is shown, the source's cluster name must be known: a proxy started with its
   * clients' credentials has no session to read it from at start. Once mirroring stops the source may be gone,
   * and is not asked.
   */
  private CompletableFuture<Void> learnSourceName(Side side) {
    boolean needed = side != Side.SOURCE && !context.topology().knowsSourceClusterName()
        && context.engine().control().state().mirroring();
    return needed ? readLocal(Side.SOURCE) : CompletableFuture.completedFuture(null);
  }

  /**
   * Reads {@code side}'s system.local for the peer rows to repeat and, from the source, the cluster name clients
   * see; never fails (the peer rows are then left empty, the name as the answering side gives it).
   */
  private CompletableFuture<Void> readLocal(Side side) {
    return links.get(side).send(context.codecs().request(state.version(), 0, LOCAL)).handle((response, error) -> {
      if (error != null) {
        LOG.debug("Reading system.local of the {} for a peers query failed: {}", side, error.toString());
        return null;
      }
      try {
        if (context.codecs().decodeResponse(response).message instanceof Rows rows) {
          context.topology().rewrite(SystemTable.LOCAL, rows, state.proxyAddress(), side);
        }
      } catch (RuntimeException e) {
        LOG.debug("The {} answered system.local with what the proxy cannot read: {}", side, e.toString());
      } finally {
        response.release();
      }
      return null;
    });
  }

  private RawFrame rewrite(RawFrame response, SystemTable table, Side side) {
    try {
      Frame decoded = context.codecs().decodeResponse(response);
      if (!(decoded.message instanceof Rows rows)) {
        return response.retainedDuplicate();
      }
      return context.codecs().encodeResponse(Frame.forResponse(decoded.protocolVersion, decoded.streamId,
          decoded.tracingId, decoded.customPayload, decoded.warnings,
          context.topology().rewrite(table, rows, state.proxyAddress(), side)));
    } finally {
      response.release();
    }
  }
}
