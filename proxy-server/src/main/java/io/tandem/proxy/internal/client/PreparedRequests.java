package io.tandem.proxy.internal.client;

import com.datastax.oss.protocol.internal.Frame;
import com.datastax.oss.protocol.internal.Message;
import com.datastax.oss.protocol.internal.ProtocolConstants.Opcode;
import com.datastax.oss.protocol.internal.request.Batch;
import com.datastax.oss.protocol.internal.request.Execute;
import com.datastax.oss.protocol.internal.request.Prepare;
import com.datastax.oss.protocol.internal.response.error.Unprepared;
import com.datastax.oss.protocol.internal.response.result.Prepared;
import io.tandem.core.api.Side;
import io.tandem.proxy.internal.backend.BackendHandshake.HandshakeException;
import io.tandem.proxy.internal.frame.RawFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends a request to one cluster with the prepared ids that cluster knows: an EXECUTE or a batch child
 * carries the client's id, which is the id of the cluster that first prepared the statement; on the other
 * cluster the proxy prepares the statement from its text first. An UNPREPARED answer (the cluster evicted
 * it, or restarted) is recovered once, transparently, by preparing again and resending.
 */
final class PreparedRequests {

  private final ProxyContext context;
  private final Map<Side, ClusterLink> links;

  PreparedRequests(ProxyContext context, Map<Side, ClusterLink> links) {
    this.context = context;
    this.links = links;
  }

  /**
   * Sends the request; completes with the cluster's response, which the caller owns.
   *
   * @param original the client's frame for this request (taken over), sent as it is when no id has to
   *     change; {@code null} to always encode {@code request}
   */
  CompletableFuture<RawFrame> send(Side side, Frame request, RawFrame original) {
    return send(side, request, original, true);
  }

  private CompletableFuture<RawFrame> send(Side side, Frame request, RawFrame original, boolean mayRetry) {
    if (original != null && !(request.message instanceof Execute) && !(request.message instanceof Batch)) {
      return links.get(side).send(original); // no prepared id in it: the hot path of simple reads
    }
    return withIdsOf(side, request)
        .handle((translated, error) -> {
          if (translated == request && original != null) {
            return original;
          }
          if (original != null) {
            original.release();
          }
          if (error != null) {
            throw new CompletionException(error);
          }
          return context.codecs().encodeRequest(translated);
        })
        .thenCompose(frame -> links.get(side).send(frame))
        .thenCompose(response -> {
          byte[] staleId = mayRetry ? unpreparedId(response) : null;
          if (staleId == null) {
            return CompletableFuture.completedFuture(response);
          }
          response.release();
          forget(side, request, staleId);
          return send(side, request, null, false);
        });
  }

  private CompletableFuture<Frame> withIdsOf(Side side, Frame request) {
    Message message = request.message;
    if (message instanceof Execute execute) {
      return idOn(side, execute.queryId, request.protocolVersion).thenApply(id -> Arrays.equals(id, execute.queryId) ? request
          : ProtocolWrites.withMessage(request, new Execute(id, execute.resultMetadataId, execute.options)));
    }
    if (message instanceof Batch batch && batch.queriesOrIds.stream().anyMatch(byte[].class::isInstance)) {
      List<CompletableFuture<Object>> children = new ArrayList<>();
      for (Object child : batch.queriesOrIds) {
        children.add(child instanceof byte[] id ? idOn(side, id, request.protocolVersion).thenApply(Object.class::cast)
            : CompletableFuture.completedFuture(child));
      }
      return CompletableFuture.allOf(children.toArray(CompletableFuture[]::new)).thenApply(done ->
          ProtocolWrites.withMessage(request, new Batch(batch.type, children.stream().map(CompletableFuture::join)
              .toList(), batch.values, batch.consistency, batch.serialConsistency, batch.defaultTimestamp,
              batch.keyspace, batch.nowInSeconds)));
    }
    return CompletableFuture.completedFuture(request);
  }

  /** The cluster's id for a client id, preparing the statement there first if needed. */
  private CompletableFuture<byte[]> idOn(Side side, byte[] clientId, int version) {
    PreparedStatement statement = context.prepared().find(clientId).orElse(null);
    if (statement == null) {
      // evicted between the caller's check and now: the cluster answers UNPREPARED and the driver re-prepares
      return CompletableFuture.completedFuture(clientId);
    }
    byte[] known = statement.idOn(side);
    if (known != null) {
      return CompletableFuture.completedFuture(known);
    }
    RawFrame prepare = context.codecs().request(version, 0, new Prepare(statement.query()));
    return links.get(side).send(prepare).thenApply(response -> {
      try {
        Frame decoded = context.codecs().decodeResponse(response);
        if (decoded.message instanceof Prepared prepared) {
          statement.preparedOn(side, prepared.preparedQueryId);
          return prepared.preparedQueryId;
        }
        throw new CompletionException(new HandshakeException("The " + side.name().toLowerCase()
            + " cluster could not prepare " + statement.query() + ": " + decoded.message));
      } finally {
        response.release();
      }
    });
  }

  private byte[] unpreparedId(RawFrame response) {
    if (response.opcode() != Opcode.ERROR) {
      return null;
    }
    return context.codecs().decodeResponse(response).message instanceof Unprepared unprepared ? unprepared.id : null;
  }

  /** Forgets the cluster id the cluster no longer knows, in every statement of the request that used it. */
  private void forget(Side side, Frame request, byte[] staleId) {
    List<Object> clientIds = request.message instanceof Execute execute ? List.of(execute.queryId)
        : request.message instanceof Batch batch ? batch.queriesOrIds : List.of();
    for (Object clientId : clientIds) {
      if (clientId instanceof byte[] id) {
        context.prepared().find(id).ifPresent(statement -> statement.forget(side, staleId));
      }
    }
  }
}
