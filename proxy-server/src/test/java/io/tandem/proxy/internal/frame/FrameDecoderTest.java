package io.tandem.proxy.internal.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

  @Test
  void should_cut_frames_split_across_reads_and_packed_together() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));
    ByteBuf bytes = Unpooled.buffer().writeBytes(frame(4, 7, 5)).writeBytes(frame(4, 8, 0));
    channel.writeInbound(bytes.readRetainedSlice(6));
    assertThat((Object) channel.readInbound()).isNull();
    channel.writeInbound(bytes.readRetainedSlice(bytes.readableBytes()));
    bytes.release();

    RawFrame first = channel.readInbound();
    RawFrame second = channel.readInbound();
    assertThat(first.streamId()).isEqualTo(7);
    assertThat(first.length()).isEqualTo(RawFrame.HEADER_LENGTH + 5);
    assertThat(second.streamId()).isEqualTo(8);
    assertThat(second.withStreamId(300).streamId()).isEqualTo(300);
    first.release();
    second.release();
  }

  @Test
  void should_refuse_a_frame_over_the_size_limit_before_reading_its_body() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));
    ByteBuf header = Unpooled.buffer().writeByte(4).writeByte(0).writeShort(9).writeByte(7).writeInt(1025);

    assertThatThrownBy(() -> channel.writeInbound(header)).isInstanceOf(DecoderException.class)
        .hasCauseInstanceOf(MalformedFrameException.class)
        .cause().hasMessageContaining("1025").extracting(cause -> ((MalformedFrameException) cause).streamId())
        .isEqualTo(9);
  }

  @Test
  void should_refuse_bytes_that_are_not_a_v3_or_later_header_at_once() {
    EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1024));

    assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {2})))
        .hasCauseInstanceOf(MalformedFrameException.class)
        .cause().extracting(cause -> ((MalformedFrameException) cause).kind())
        .isEqualTo(MalformedFrameException.Kind.UNSUPPORTED_VERSION);
  }

  private static byte[] frame(int version, int streamId, int bodyLength) {
    ByteBuf frame = Unpooled.buffer().writeByte(version).writeByte(0).writeShort(streamId).writeByte(7)
        .writeInt(bodyLength).writeZero(bodyLength);
    byte[] bytes = new byte[frame.readableBytes()];
    frame.readBytes(bytes);
    return bytes;
  }
}
