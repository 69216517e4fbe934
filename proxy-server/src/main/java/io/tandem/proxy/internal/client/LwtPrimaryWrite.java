package io.tandem.proxy.internal.client;

import com.datastax.oss.protocol.internal.ProtocolConstants;
import com.datastax.oss.protocol.internal.response.result.ColumnSpec;
import com.datastax.oss.protocol.internal.response.result.Rows;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.PrimaryWrite;
import io.tandem.core.api.mirror.WriteCommand;
import com.datastax.oss.protocol.internal.ProtocolConstants.Opcode;
import io.tandem.proxy.internal.frame.ProtocolCodecs;
import io.tandem.proxy.internal.frame.RawFrame;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The primary's copy of an LWT, which tells the engine whether it applied ({@code lwt-copy =
 * UNCONDITIONAL_AT_PRIMARY_WRITETIME}). The {@code [applied]} column is read as the answer arrives: the client may be
 * sent (and the frame released) before the engine asks.
 */
final class LwtPrimaryWrite implements PrimaryWrite<RawFrame> {

  private static final String APPLIED = "[applied]";

  private final PrimaryWrite<RawFrame> send;
  private final ProtocolCodecs codecs;
  private volatile Optional<Boolean> applied = Optional.empty();

  LwtPrimaryWrite(PrimaryWrite<RawFrame> send, ProtocolCodecs codecs) {
    this.send = send;
    this.codecs = codecs;
  }

  @Override
  public CompletionStage<RawFrame> send(Side primary, WriteCommand command) {
    return send.send(primary, command).thenApply(answer -> {
      applied = applied(codecs, answer);
      return answer;
    });
  }

  @Override
  public Optional<Boolean> applied(RawFrame answer) {
    return applied;
  }

  /** The {@code [applied]} of a RESULT Rows frame; empty when the frame does not carry it. */
  static Optional<Boolean> applied(ProtocolCodecs codecs, RawFrame answer) {
    if (answer.opcode() != Opcode.RESULT) {
      return Optional.empty();
    }
    try {
      if (!(codecs.decodeResponse(answer).message instanceof Rows rows)) {
        return Optional.empty();
      }
      List<ColumnSpec> columns = rows.getMetadata().columnSpecs;
      List<ByteBuffer> first = rows.getData().peek();
      boolean hasApplied = columns != null && !columns.isEmpty() && APPLIED.equals(columns.get(0).name)
          && columns.get(0).type.id == ProtocolConstants.DataType.BOOLEAN;
      if (!hasApplied || first == null || first.isEmpty() || first.get(0) == null || !first.get(0).hasRemaining()) {
        return Optional.empty();
      }
      ByteBuffer value = first.get(0);
      return Optional.of(value.get(value.position()) != 0);
    } catch (RuntimeException e) {
      return Optional.empty(); // an answer that cannot be read leaves the conditional copy
    }
  }
}
