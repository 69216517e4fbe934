package io.tandem.proxy.internal.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tandem.proxy.internal.frame.MalformedFrameException;
import io.tandem.proxy.internal.frame.RawFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCompressionHandlerTest {

  private static final int MAX_FRAME_BYTES = 64 * 1024;
  private static final byte[] BODY = "SELECT v FROM ks.t WHERE k = 1 -- ".repeat(50).getBytes(StandardCharsets.UTF_8);

  private final FrameCompressionHandler handler = new FrameCompressionHandler(MAX_FRAME_BYTES);
  private final EmbeddedChannel channel = new EmbeddedChannel(handler);

  @Test
  void should_pass_frames_through_until_compression_is_negotiated() {
    channel.writeInbound(RawFrame.wrap(frame(0x00, BODY)));
    channel.writeOutbound(frame(0x00, BODY));

    RawFrame read = channel.readInbound();
    ByteBuf written = channel.readOutbound();
    assertThat(body(read.buffer())).isEqualTo(BODY);
    assertThat(body(written)).isEqualTo(BODY);
    read.release();
    written.release();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lz4", "snappy"})
  void should_uncompress_what_the_client_sends_and_compress_what_it_receives(String algorithm) {
    BodyCompressor compressor = BodyCompressors.forName(algorithm).orElseThrow();
    handler.use(compressor);

    channel.writeInbound(RawFrame.wrap(frame(0x01 | 0x02, compressed(compressor, BODY))));
    channel.writeOutbound(frame(0x02, BODY));

    RawFrame read = channel.readInbound();
    assertThat(read.flags()).isEqualTo(0x02);
    assertThat(read.buffer().getInt(5)).isEqualTo(BODY.length);
    assertThat(body(read.buffer())).isEqualTo(BODY);
    ByteBuf written = channel.readOutbound();
    assertThat(written.getByte(1)).isEqualTo((byte) 0x03);
    assertThat(written.getInt(5)).isEqualTo(written.readableBytes() - RawFrame.HEADER_LENGTH).isLessThan(BODY.length);
    ByteBuf uncompressed = compressor.decompress(Unpooled.wrappedBuffer(body(written)), MAX_FRAME_BYTES,
        UnpooledByteBufAllocator.DEFAULT);
    assertThat(ByteBufUtil.getBytes(uncompressed)).isEqualTo(BODY);
    read.release();
    written.release();
    uncompressed.release();
  }

  @Test
  void should_leave_an_empty_body_uncompressed() {
    handler.use(BodyCompressors.forName("lz4").orElseThrow());

    channel.writeOutbound(frame(0x00, new byte[0]));

    ByteBuf written = channel.readOutbound();
    assertThat(written.getByte(1)).isZero();
    assertThat(written.readableBytes()).isEqualTo(RawFrame.HEADER_LENGTH);
    written.release();
  }

  @Test
  void should_reject_a_compressed_frame_when_none_was_negotiated() {
    assertThatThrownBy(() -> channel.writeInbound(RawFrame.wrap(frame(0x01, BODY))))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessageContaining("asked for no compression");
  }

  @Test
  void should_reject_a_body_announcing_more_than_the_frame_limit() {
    handler.use(BodyCompressors.forName("lz4").orElseThrow());
    byte[] bomb = Unpooled.buffer().writeInt(MAX_FRAME_BYTES + 1).writeBytes(new byte[16]).array();

    assertThatThrownBy(() -> channel.writeInbound(RawFrame.wrap(frame(0x01, bomb))))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessageContaining("limit is " + MAX_FRAME_BYTES);
  }

  @Test
  void should_reject_a_corrupt_body() {
    handler.use(BodyCompressors.forName("snappy").orElseThrow());

    assertThatThrownBy(() -> channel.writeInbound(RawFrame.wrap(frame(0x01, new byte[] {(byte) 0xff, 1, 2, 3}))))
        .isInstanceOf(MalformedFrameException.class)
        .hasMessageContaining("snappy");
  }

  @Test
  void should_leave_protocol_v5_frames_as_they_are_since_segments_carry_the_compression() {
    handler.use(BodyCompressors.forName("lz4").orElseThrow());

    channel.writeInbound(RawFrame.wrap(frame(5, 0x01, BODY)));
    channel.writeOutbound(frame(5, 0x00, BODY));

    RawFrame read = channel.readInbound();
    ByteBuf written = channel.readOutbound();
    assertThat(body(read.buffer())).isEqualTo(BODY);
    assertThat(written.getByte(1)).isZero();
    assertThat(body(written)).isEqualTo(BODY);
    read.release();
    written.release();
  }

  private static ByteBuf frame(int flags, byte[] body) {
    return frame(4, flags, body);
  }

  private static ByteBuf frame(int version, int flags, byte[] body) {
    return Unpooled.buffer().writeByte(version).writeByte(flags).writeShort(7).writeByte(0x07)
        .writeInt(body.length).writeBytes(body);
  }

  private static byte[] compressed(BodyCompressor compressor, byte[] body) {
    ByteBuf compressed = compressor.compress(Unpooled.wrappedBuffer(body), UnpooledByteBufAllocator.DEFAULT);
    try {
      return ByteBufUtil.getBytes(compressed);
    } finally {
      compressed.release();
    }
  }

  private static byte[] body(ByteBuf frame) {
    return ByteBufUtil.getBytes(frame, frame.readerIndex() + RawFrame.HEADER_LENGTH,
        frame.readableBytes() - RawFrame.HEADER_LENGTH);
  }
}
