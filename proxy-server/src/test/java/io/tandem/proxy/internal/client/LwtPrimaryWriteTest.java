package io.tandem.proxy.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.protocol.internal.Frame;
import com.datastax.oss.protocol.internal.ProtocolConstants;
import com.datastax.oss.protocol.internal.response.result.ColumnSpec;
import com.datastax.oss.protocol.internal.response.result.DefaultRows;
import com.datastax.oss.protocol.internal.response.result.RawType;
import com.datastax.oss.protocol.internal.response.result.RowsMetadata;
import com.datastax.oss.protocol.internal.response.result.Void;
import io.netty.buffer.ByteBufAllocator;
import io.tandem.proxy.internal.frame.ProtocolCodecs;
import io.tandem.proxy.internal.frame.RawFrame;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/** The {@code [applied]} column of an LWT's answer, as the proxy reads it for the engine. */
class LwtPrimaryWriteTest {

  private final ProtocolCodecs codecs = new ProtocolCodecs(ByteBufAllocator.DEFAULT);

  @Test
  void should_read_applied_and_not_applied() {
    assertThat(applied(rows("[applied]", (byte) 1))).contains(true);
    assertThat(applied(rows("[applied]", (byte) 0))).contains(false);
  }

  @Test
  void should_not_guess_from_an_answer_without_applied() {
    assertThat(applied(rows("v", (byte) 1))).isEmpty();
    assertThat(applied(Frame.forResponse(4, 1, null, Frame.NO_PAYLOAD, List.of(), Void.INSTANCE))).isEmpty();
  }

  private Optional<Boolean> applied(Frame frame) {
    RawFrame raw = codecs.encodeResponse(frame);
    try {
      return LwtPrimaryWrite.applied(codecs, raw);
    } finally {
      raw.release();
    }
  }

  private static Frame rows(String column, byte value) {
    ColumnSpec spec = new ColumnSpec("ks", "t", column, 0, RawType.PRIMITIVES.get(ProtocolConstants.DataType.BOOLEAN));
    RowsMetadata metadata = new RowsMetadata(List.of(spec), null, null, null);
    Queue<List<ByteBuffer>> data = new ArrayDeque<>();
    data.add(List.of(ByteBuffer.wrap(new byte[] {value})));
    return Frame.forResponse(4, 1, null, Map.of(), List.of(), new DefaultRows(metadata, data));
  }
}
