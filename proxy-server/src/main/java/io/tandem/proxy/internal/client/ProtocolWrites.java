package io.tandem.proxy.internal.client;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.protocol.internal.Frame;
import com.datastax.oss.protocol.internal.Message;
import com.datastax.oss.protocol.internal.request.Batch;
import com.datastax.oss.protocol.internal.request.Execute;
import com.datastax.oss.protocol.internal.request.Query;
import com.datastax.oss.protocol.internal.request.query.QueryOptions;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Where a native-protocol write (QUERY, EXECUTE, BATCH) becomes core's {@link WriteCommand}, and where core's
 * decisions — the shared timestamp, {@code now()} turned into literals or extra bound values — are put back on
 * the request that is forwarded to the primary cluster, so both clusters apply exactly the same write. The copy
 * runs at the frame's consistency and serial consistency (a frame without one asks for {@code SERIAL}, as the
 * server reads it); the protocol has no request timeout, so the copy's is the proxy's target session's.
 */
final class ProtocolWrites {

  private ProtocolWrites() {}

  /**
   * @param queryOf the text of a prepared statement by its client id (only called for EXECUTE and for
   *     prepared batch children, which the caller has checked are known)
   * @param keyspace the keyspace unqualified names resolve against when the request does not carry one
   * @param login the user the client logged in as, or {@code null}
   */
  static WriteCommand toCommand(Message message, Function<byte[], String> queryOf, String keyspace,
      boolean idempotent, String login) {
    WriteCommand.Builder builder;
    QueryOptions options = null;
    if (message instanceof Query query) {
      builder = WriteCommand.builder(bound(query.query, query.options));
      options = query.options;
    } else if (message instanceof Execute execute) {
      builder = WriteCommand.builder(bound(queryOf.apply(execute.queryId), execute.options));
      options = execute.options;
    } else {
      Batch batch = (Batch) message;
      builder = WriteCommand.batch(batchType(batch.type));
      for (int index = 0; index < batch.queriesOrIds.size(); index++) {
        Object child = batch.queriesOrIds.get(index);
        String text = child instanceof String query ? query : queryOf.apply((byte[]) child);
        builder.addQuery(BoundQuery.of(text, batch.values.get(index)));
      }
      builder.withConsistency(DefaultConsistencyLevel.fromCode(batch.consistency))
          .withSerialConsistency(DefaultConsistencyLevel.fromCode(batch.serialConsistency));
      withTimestamp(builder, batch.defaultTimestamp);
      return builder.withKeyspace(batch.keyspace != null ? batch.keyspace : keyspace).withIdempotent(false)
          .withLogin(login).build();
    }
    builder.withConsistency(DefaultConsistencyLevel.fromCode(options.consistency))
        .withSerialConsistency(DefaultConsistencyLevel.fromCode(options.serialConsistency));
    withTimestamp(builder, options.defaultTimestamp);
    return builder.withKeyspace(options.keyspace != null ? options.keyspace : keyspace).withIdempotent(idempotent)
        .withLogin(login).build();
  }

  /**
   * The request as the primary must receive it: with the command's timestamp, and the command's texts and values
   * where the engine rewrote them ({@code now()} and the like as literals, or as extra bind markers with values).
   *
   * @param ids the id to execute a prepared statement under, by the client's id and the text to run
   */
  static Frame forPrimary(Frame request, WriteCommand command, BiFunction<byte[], String, byte[]> ids) {
    Message message = request.message;
    Message updated;
    if (message instanceof Query query) {
      BoundQuery bound = command.queries().get(0);
      updated = new Query(bound.query(), withValues(withTimestamp(query.options, command), bound));
    } else if (message instanceof Execute execute) {
      BoundQuery bound = command.queries().get(0);
      updated = new Execute(ids.apply(execute.queryId, bound.query()), execute.resultMetadataId,
          withValues(withTimestamp(execute.options, command), bound));
    } else {
      Batch batch = (Batch) message;
      List<Object> children = new ArrayList<>(batch.queriesOrIds);
      List<List<ByteBuffer>> values = new ArrayList<>(batch.values);
      for (int index = 0; index < children.size(); index++) {
        BoundQuery bound = command.queries().get(index);
        children.set(index, children.get(index) instanceof byte[] id ? ids.apply(id, bound.query()) : bound.query());
        values.set(index, bound.values());
      }
      long timestamp = command.hasTimestamp() ? command.timestamp() : batch.defaultTimestamp;
      updated = new Batch(batch.type, children, values, batch.consistency, batch.serialConsistency, timestamp,
          batch.keyspace, batch.nowInSeconds);
    }
    return withMessage(request, updated);
  }

  /** The options with the command's values, when the engine added some. */
  private static QueryOptions withValues(QueryOptions options, BoundQuery bound) {
    if (bound.values().size() == options.positionalValues.size()
        && bound.namedValues().size() == options.namedValues.size()) {
      return options;
    }
    return new QueryOptions(options.consistency, bound.values(), bound.namedValues(), options.skipMetadata,
        options.pageSize, options.pagingState, options.serialConsistency, options.defaultTimestamp, options.keyspace,
        options.nowInSeconds);
  }

  static Frame withMessage(Frame request, Message message) {
    return Frame.forRequest(request.protocolVersion, request.streamId, request.tracing, request.customPayload,
        message);
  }

  private static BoundQuery bound(String text, QueryOptions options) {
    if (!options.namedValues.isEmpty()) {
      return BoundQuery.ofNamed(text, options.namedValues);
    }
    return BoundQuery.of(text, options.positionalValues);
  }

  private static void withTimestamp(WriteCommand.Builder builder, long timestamp) {
    if (timestamp != QueryOptions.NO_DEFAULT_TIMESTAMP) {
      builder.withTimestamp(timestamp);
    }
  }

  private static QueryOptions withTimestamp(QueryOptions options, WriteCommand command) {
    if (!command.hasTimestamp() || options.defaultTimestamp == command.timestamp()) {
      return options;
    }
    return new QueryOptions(options.consistency, options.positionalValues, options.namedValues, options.skipMetadata,
        options.pageSize, options.pagingState, options.serialConsistency, command.timestamp(), options.keyspace,
        options.nowInSeconds);
  }

  private static BatchType batchType(byte type) {
    return switch (type) {
      case 0 -> DefaultBatchType.LOGGED;
      case 1 -> DefaultBatchType.UNLOGGED;
      case 2 -> DefaultBatchType.COUNTER;
      default -> throw new IllegalArgumentException("Unknown batch type " + type);
    };
  }
}
