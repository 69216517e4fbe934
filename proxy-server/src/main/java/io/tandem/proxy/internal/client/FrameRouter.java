package io.tandem.proxy.internal.client;

import com.datastax.oss.protocol.internal.Frame;
import com.datastax.oss.protocol.internal.Message;
import com.datastax.oss.protocol.internal.ProtocolConstants.ErrorCode;
import com.datastax.oss.protocol.internal.ProtocolConstants.Opcode;
import com.datastax.oss.protocol.internal.request.Batch;
import com.datastax.oss.protocol.internal.request.Execute;
import com.datastax.oss.protocol.internal.request.Prepare;
import com.datastax.oss.protocol.internal.request.Query;
import com.datastax.oss.protocol.internal.response.error.Unprepared;
import com.datastax.oss.protocol.internal.response.result.Prepared;
import com.datastax.oss.protocol.internal.response.result.SetKeyspace;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.core.api.classify.Classification;
import io.tandem.core.api.mirror.PrimaryWrite;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.control.MigrationState;
import io.tandem.proxy.internal.frame.BodyPeek;
import io.tandem.proxy.internal.frame.RawFrame;
import io.tandem.proxy.internal.topology.SystemTableRewriter;
import io.tandem.proxy.internal.topology.SystemTableRewriter.SystemTable;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each query of a client goes: reads to the read side as they are; {@code system.local/peers} reads
 * answered with the proxy topology; writes and schema changes through the core engine, which sends the
 * primary's copy through {@link #sendToPrimary} and mirrors the other; {@code USE} to both clusters; PREPARE
 * to the side that will run the statement, remembered so either cluster can run it later.
 */
final class FrameRouter {

  private static final Logger LOG = LoggerFactory.getLogger(FrameRouter.class);

  private final ProxyContext context;
  private final ClientState state;
  private final Map<Side, ClusterLink> links;
  private final ClientResponder responder;
  private final PreparedRequests prepared;
  private final RewrittenStatements rewritten;
  private final SystemTableQueries systemTables;
  private final MirrorEngine engine;

  FrameRouter(ProxyContext context, ClientState state, Map<Side, ClusterLink> links, ClientResponder responder) {
    this.context = context;
    this.state = state;
    this.links = links;
    this.responder = responder;
    this.engine = context.engine();
    this.prepared = new PreparedRequests(context, links);
    this.rewritten = new RewrittenStatements(context.prepared());
    this.systemTables = new SystemTableQueries(context, state, links, prepared);
  }

  /**
   * Routes a QUERY, PREPARE, EXECUTE or BATCH frame, taking over its reference unless the frame cannot be decoded
   * ({@link io.tandem.proxy.internal.frame.MalformedFrameException}: the caller still owns it then).
   */
  void route(RawFrame frame) {
    if (routedAsTheyCame(frame)) {
      return;
    }
    int streamId = frame.streamId();
    Frame request = context.codecs().decodeRequest(frame);
    OriginalFrame original = new OriginalFrame(frame);
    try {
      Message message = request.message;
      if (message instanceof Query query) {
        query(streamId, request, query, original);
      } else if (message instanceof Prepare prepare) {
        prepare(streamId, request, prepare, original);
      } else if (message instanceof Execute execute) {
        execute(streamId, request, execute, original);
      } else {
        batch(streamId, request, (Batch) message, original);
      }
    } catch (IllegalArgumentException e) {
      context.metrics().rejected("invalid_request");
      responder.respond(streamId, context.codecs().error(state.version(), streamId, ErrorCode.PROTOCOL_ERROR,
          "Tandem proxy: invalid request: " + e.getMessage()));
    } finally {
      original.releaseUnlessTaken();
    }
  }

  private void query(int streamId, Frame request, Query query, OriginalFrame original) {
    dispatch(streamId, request, engine.classifier().classify(query.query), state.keyspace(), original);
  }

  private void execute(int streamId, Frame request, Execute execute, OriginalFrame original) {
    Optional<PreparedStatement> statement = context.prepared().find(execute.queryId);
    if (statement.isEmpty()) {
      unknownId(streamId, execute.queryId);
      return;
    }
    dispatch(streamId, request, statement.get().classification(), statement.get().keyspace(), original);
  }

  /** @param keyspace the keyspace unqualified names resolve against, or {@code null} */
  private void dispatch(int streamId, Frame request, Classification classification, String keyspace,
      OriginalFrame original) {
    switch (classification.type()) {
      case READ -> {
        Optional<SystemTable> systemTable = SystemTableRewriter.recognise(
            classification.keyspace() != null ? classification.keyspace() : keyspace, classification.table());
        if (systemTable.isPresent()) {
          systemTable(streamId, request, systemTable.get(), original);
        } else {
          read(streamId, request, original);
        }
      }
      case USE -> use(streamId, request, original);
      case DDL -> write(streamId, request, classification, true, original);
      case WRITE -> write(streamId, request, classification, false, original);
    }
  }

  private void batch(int streamId, Frame request, Batch batch, OriginalFrame original) {
    for (Object child : batch.queriesOrIds) {
      if (child instanceof byte[] id && context.prepared().find(id).isEmpty()) {
        unknownId(streamId, id);
        return;
      }
    }
    write(streamId, request, null, false, original);
  }

  /**
   * A QUERY needs only its text, and an EXECUTE only its prepared id, to be routed when it is a plain read, or a
   * write while mirroring is stopped (it goes to the primary only, as the client sent it, as {@link #write}
   * would send it): the rest of the frame is not decoded, and it is forwarded as it came. An EXECUTE qualifies
   * only when the cluster knows the statement under the client's id. Should that cluster answer UNPREPARED (it
   * forgot the statement), the answer reaches the client, whose driver prepares it again through the proxy.
   * Returns false (nothing done) for anything else.
   */
  private boolean routedAsTheyCame(RawFrame frame) {
    Classification classification;
    String keyspace;
    byte[] id = null;
    PreparedStatement statement = null;
    if (frame.opcode() == Opcode.QUERY) {
      String text = BodyPeek.queryText(frame);
      if (text == null) {
        return false;
      }
      classification = engine.classifier().classify(text);
      keyspace = state.keyspace();
    } else if (frame.opcode() == Opcode.EXECUTE) {
      id = BodyPeek.preparedId(frame);
      statement = id == null ? null : context.prepared().find(id).orElse(null);
      if (statement == null) {
        return false;
      }
      classification = statement.classification();
      keyspace = statement.keyspace();
    } else {
      return false;
    }
    MigrationState migration = engine.control().state();
    boolean read = isPlainRead(classification, keyspace);
    if (!read && !(classification.isWrite() && !migration.mirroring())) {
      return false;
    }
    Side side = read ? migration.readSide() : migration.primary();
    if (statement != null && !Arrays.equals(statement.idOn(side), id)) {
      return false;
    }
    int streamId = frame.streamId();
    if (read) {
      context.metrics().request("read");
      links.get(side).send(frame, new ClientAnswer.TimedRead(responder, streamId, engine, side));
    } else {
      context.metrics().request("write");
      links.get(side).send(frame, new ClientAnswer(responder, streamId));
    }
    return true;
  }

  /** A read of a table that is not one of the system tables the proxy rewrites. */
  private static boolean isPlainRead(Classification classification, String currentKeyspace) {
    return classification.isRead() && SystemTableRewriter.recognise(classification.keyspace() != null
        ? classification.keyspace() : currentKeyspace, classification.table()).isEmpty();
  }

  private void read(int streamId, Frame request, OriginalFrame original) {
    RawFrame frame = original.take();
    Side side = engine.control().state().readSide();
    context.metrics().request("read");
    ClientAnswer.TimedRead read = new ClientAnswer.TimedRead(responder, streamId, engine, side);
    prepared.send(side, request, frame).whenComplete((response, error) -> {
      if (error != null) {
        read.failed(error);
      } else {
        read.answered(response);
      }
    });
  }

  private void systemTable(int streamId, Frame request, SystemTable table, OriginalFrame original) {
    context.metrics().request("system-table");
    systemTables.answer(engine.control().state().readSide(), request, table, original.take())
        .whenComplete((response, error) -> answer(streamId, response, error));
  }

  /** The primary switches keyspace first (its answer is the client's), then the other cluster if connected. */
  private void use(int streamId, Frame request, OriginalFrame original) {
    Side primary = engine.control().state().primary();
    context.metrics().request("use");
    prepared.send(primary, request, original.take()).whenComplete((response, error) -> {
      if (error == null && response.opcode() == Opcode.RESULT) {
        rememberKeyspace(response, primary);
      }
      answer(streamId, response, error);
    });
  }

  private void rememberKeyspace(RawFrame response, Side primary) {
    if (context.codecs().decodeResponse(response).message instanceof SetKeyspace switched) {
      state.keyspace(switched.keyspace);
      ClusterLink other = links.get(primary.other());
      if (other.isConnected()) {
        Query use = new Query("USE \"" + switched.keyspace.replace("\"", "\"\"") + "\"");
        other.send(context.codecs().request(state.version(), 0, use)).whenComplete((answer, error) -> {
          if (answer != null) {
            answer.release();
          } else {
            LOG.warn("USE {} failed on the {}: {}", switched.keyspace, primary.other(), error.toString());
          }
        });
      }
    }
  }

  private void prepare(int streamId, Frame request, Prepare prepare, OriginalFrame original) {
    Classification classification = engine.classifier().classify(prepare.cqlQuery);
    Side side = classification.isRead() ? engine.control().state().readSide() : engine.control().state().primary();
    String keyspace = prepare.keyspace != null ? prepare.keyspace : state.keyspace();
    context.metrics().request("prepare");
    links.get(side).send(original.take()).whenComplete((response, error) -> {
      if (error == null) {
        remember(response, side, prepare.cqlQuery, keyspace, classification);
      }
      answer(streamId, response, error);
    });
  }

  private void remember(RawFrame response, Side side, String query, String keyspace, Classification classification) {
    if (response.opcode() != Opcode.RESULT) {
      return;
    }
    if (context.codecs().decodeResponse(response).message instanceof Prepared preparedResult) {
      context.prepared().remember(preparedResult.preparedQueryId, side, query, keyspace, classification)
          .preparedOn(side, preparedResult.preparedQueryId);
      if (!classification.isRead()) {
        engine.registerQuery(keyspace, query);
      }
    }
  }

  private void write(int streamId, Frame request, Classification classification, boolean schemaChange,
      OriginalFrame original) {
    context.metrics().request(schemaChange ? "schema" : "write");
    boolean idempotent = classification != null && !classification.nonIdempotent()
        && !classification.lightweightTransaction();
    // an EXECUTE resolves names against the keyspace its statement was prepared under, not the current one
    String keyspace = request.message instanceof Execute execute
        ? context.prepared().find(execute.queryId).map(PreparedStatement::keyspace).orElse(state.keyspace())
        : state.keyspace();
    WriteCommand command = ProtocolWrites.toCommand(request.message,
        id -> context.prepared().find(id).map(PreparedStatement::query).orElseThrow(), keyspace, idempotent,
        state.login());
    CompletableFuture<RawFrame> answered;
    try {
      // the engine decides the route; a command it left unchanged goes to the primary as the client's own bytes
      PrimaryWrite<RawFrame> primaryWrite = (primary, ready) -> ready == command
          ? sendToPrimary(primary, request, original.take())
          : sendToPrimary(primary, ProtocolWrites.forPrimary(request, ready, rewritten::idFor), null);
      if (classification != null && classification.lightweightTransaction()) {
        primaryWrite = new LwtPrimaryWrite(primaryWrite, context.codecs()); // tells the engine [applied]
      }
      answered = engine.write(command, primaryWrite).toCompletableFuture();
    } catch (RuntimeException e) {
      answered = CompletableFuture.failedFuture(e);
    }
    answered.whenComplete((response, error) -> answer(streamId, response, error));
  }

  /**
   * The primary's copy ({@code original}: the client's bytes when they go as they came, else {@code null}); an
   * ERROR answer fails the stage so the engine does not mirror a refused write (the client still gets that frame).
   */
  private CompletableFuture<RawFrame> sendToPrimary(Side primary, Frame request, RawFrame original) {
    return prepared.send(primary, request, original).thenApply(response -> {
      if (response.opcode() == Opcode.ERROR) {
        throw new CompletionException(new ErrorResponseException(response, errorCode(response)));
      }
      return response;
    });
  }

  /** An ERROR frame's code; SERVER_ERROR when it cannot be read. */
  private int errorCode(RawFrame error) {
    try {
      return context.codecs().decodeResponse(error).message
          instanceof com.datastax.oss.protocol.internal.response.Error decoded ? decoded.code : ErrorCode.SERVER_ERROR;
    } catch (RuntimeException e) {
      return ErrorCode.SERVER_ERROR;
    }
  }

  private void unknownId(int streamId, byte[] id) {
    context.metrics().request("unprepared");
    responder.respond(streamId, context.codecs().response(state.version(), streamId,
        new Unprepared("Tandem proxy: unknown prepared statement id; prepare it again", id)));
  }

  private void answer(int streamId, RawFrame response, Throwable error) {
    if (error != null) {
      responder.fail(streamId, error);
    } else {
      responder.respond(streamId, response);
    }
  }
}
