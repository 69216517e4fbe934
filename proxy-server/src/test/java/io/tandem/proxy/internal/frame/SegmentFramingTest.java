package io.tandem.proxy.internal.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.protocol.internal.Compressor;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentFramingTest {

  private final SegmentEncoder encoder = new SegmentEncoder();
  private final FrameDecoder decoder = new FrameDecoder(1024);
  private final EmbeddedChannel channel = new EmbeddedChannel(encoder, decoder);

  @ParameterizedTest
  @CsvSource({"5, 2, true", "5, 3, true", "6, 2, true", "4, 2, false", "5, 6, false", "5, 0, false"})
  void should_start_segments_after_a_v5_ready_or_authenticate_only(int version, int opcode, boolean starts) {
    RawFrame answer = answer(version, opcode);

    assertThat(SegmentFraming.startsAfter(answer, channel)).isEqualTo(starts);
    answer.release();
  }

  @Test
  void should_switch_both_directions_once() {
    RawFrame ready = answer(5, 2);

    SegmentFraming.start(channel, 5, Compressor.none());

    assertThat(encoder.usesSegments()).isTrue();
    assertThat(decoder.usesSegments()).isTrue();
    assertThat(SegmentFraming.startsAfter(ready, channel)).as("a READY answering REGISTER later").isFalse();
    ready.release();
  }

  @Test
  void should_leave_a_closed_connection_alone() {
    channel.close();

    SegmentFraming.start(channel, 5, Compressor.none());

    assertThat(SegmentFraming.startsAfter(answer(5, 2), channel)).isFalse();
  }

  private static RawFrame answer(int version, int opcode) {
    return RawFrame.wrap(Unpooled.buffer().writeByte(0x80 | version).writeByte(0).writeShort(1).writeByte(opcode)
        .writeInt(0));
  }
}
