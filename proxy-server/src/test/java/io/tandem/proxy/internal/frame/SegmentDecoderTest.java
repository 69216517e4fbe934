package io.tandem.proxy.internal.frame;

import static io.tandem.proxy.internal.frame.Segments.MAX_PAYLOAD;
import static io.tandem.proxy.internal.frame.Segments.concat;
import static io.tandem.proxy.internal.frame.Segments.frame;
import static io.tandem.proxy.internal.frame.Segments.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.protocol.internal.Compressor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.tandem.proxy.internal.compression.Lz4SegmentCompressor;
import io.tandem.proxy.internal.frame.MalformedFrameException.Kind;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link FrameDecoder} once switched to protocol v5 segments ({@link SegmentDecoder}). */
class SegmentDecoderTest {

  private static final int MAX_FRAME_BYTES = 512 * 1024;

  private final FrameDecoder decoder = new FrameDecoder(MAX_FRAME_BYTES);
  private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

  @Test
  void should_read_every_frame_of_a_self_contained_segment_even_when_it_arrives_in_pieces() {
    decoder.useSegments(Segments.uncompressed(), 5);
    byte[] first = frame(1, 0);
    byte[] second = frame(2, 300);
    byte[] third = frame(3, 20);
    byte[] bytes = segment(concat(first, second, third), true);

    for (int offset = 0; offset < bytes.length; offset += 7) {
      channel.writeInbound(Unpooled.wrappedBuffer(bytes, offset, Math.min(7, bytes.length - offset)));
    }

    assertThat(readFrame()).isEqualTo(first);
    assertThat(readFrame()).isEqualTo(second);
    assertThat(readFrame()).isEqualTo(third);
    assertThat((Object) channel.readInbound()).isNull();
  }

  @Test
  void should_reassemble_a_frame_split_over_segments_that_are_not_self_contained() {
    decoder.useSegments(Segments.uncompressed(), 5);
    byte[] large = frame(4, 300_000);
    byte[] small = frame(5, 10);

    channel.writeInbound(Unpooled.wrappedBuffer(segment(Arrays.copyOfRange(large, 0, MAX_PAYLOAD), false)));
    channel.writeInbound(Unpooled.wrappedBuffer(segment(Arrays.copyOfRange(large, MAX_PAYLOAD, 2 * MAX_PAYLOAD),
        false)));
    assertThat((Object) channel.readInbound()).isNull();
    channel.writeInbound(Unpooled.wrappedBuffer(concat(
        segment(Arrays.copyOfRange(large, 2 * MAX_PAYLOAD, large.length), false), segment(small, true))));

    RawFrame reassembled = channel.readInbound();
    assertThat(reassembled.streamId()).isEqualTo(4);
    assertThat(reassembled.withStreamId(300).streamId()).isEqualTo(300);
    assertThat(ByteBufUtil.getBytes(reassembled.body())).isEqualTo(Arrays.copyOfRange(large, 9, large.length));
    reassembled.release();
    assertThat(readFrame()).isEqualTo(small);
  }

  @Test
  void should_read_the_handshake_unframed_and_segments_from_the_switch_on() {
    byte[] ready = {(byte) 0x85, 0, 0, 1, 0x02, 0, 0, 0, 0};
    byte[] framed = frame(2, 40);
    channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext context, Object message) {
        // as BackendConnection does on READY: switch before the next bytes are read
        decoder.useSegments(Segments.uncompressed(), 5);
        context.fireChannelRead(message);
      }
    });

    channel.writeInbound(Unpooled.wrappedBuffer(concat(ready, segment(framed, true))));

    assertThat(readFrame()).isEqualTo(ready);
    assertThat(readFrame()).isEqualTo(framed);
  }

  @Test
  void should_refuse_a_segment_whose_header_checksum_does_not_match() {
    decoder.useSegments(Segments.uncompressed(), 5);
    byte[] bytes = segment(frame(1, 10), true);
    bytes[0] ^= 0x01;

    assertCorrupt(bytes, "CRC mismatch on header");
  }

  @Test
  void should_refuse_a_segment_whose_payload_checksum_does_not_match() {
    decoder.useSegments(Segments.uncompressed(), 5);
    byte[] bytes = segment(frame(1, 10), true);
    bytes[12] ^= 0x10;

    assertCorrupt(bytes, "CRC mismatch on payload");
  }

  @Test
  void should_refuse_a_self_contained_segment_that_ends_inside_a_frame() {
    decoder.useSegments(Segments.uncompressed(), 5);
    byte[] frame = frame(1, 100);

    assertCorrupt(segment(Arrays.copyOf(frame, 60), true), "ends inside a frame");
  }

  @Test
  void should_refuse_a_self_contained_segment_in_the_middle_of_a_split_frame() {
    decoder.useSegments(Segments.uncompressed(), 5);
    byte[] large = frame(4, 200_000);
    channel.writeInbound(Unpooled.wrappedBuffer(segment(Arrays.copyOf(large, MAX_PAYLOAD), false)));

    assertCorrupt(segment(frame(5, 10), true), "while a frame split over several segments was incomplete");
  }

  @Test
  void should_refuse_a_frame_over_the_size_limit_from_its_first_segment() {
    FrameDecoder limited = new FrameDecoder(64 * 1024);
    EmbeddedChannel small = new EmbeddedChannel(limited);
    limited.useSegments(Segments.uncompressed(), 5);
    byte[] large = frame(9, 200_000);

    assertThatThrownBy(() -> small.writeInbound(Unpooled.wrappedBuffer(segment(Arrays.copyOf(large, MAX_PAYLOAD),
        false))))
        .isInstanceOf(DecoderException.class)
        .cause().isInstanceOf(MalformedFrameException.class).hasMessageContaining("200000")
        .extracting(cause -> ((MalformedFrameException) cause).kind(),
            cause -> ((MalformedFrameException) cause).streamId())
        .containsExactly(Kind.TOO_LARGE, 9);
  }

  @Test
  void should_refuse_an_lz4_segment_that_does_not_uncompress() {
    FrameDecoder lz4 = new FrameDecoder(MAX_FRAME_BYTES);
    EmbeddedChannel compressed = new EmbeddedChannel(lz4);
    lz4.useSegments(Segments.codec(new Lz4SegmentCompressor(UnpooledByteBufAllocator.DEFAULT)), 5);
    // a valid header and CRC around bytes that are no LZ4 block: the sender's compressor was broken
    byte[] bytes = Segments.segment(Segments.codec(new GarbageCompressor()), frame(1, 1000));

    assertThatThrownBy(() -> compressed.writeInbound(Unpooled.wrappedBuffer(bytes)))
        .isInstanceOf(DecoderException.class)
        .cause().isInstanceOf(MalformedFrameException.class).hasMessageContaining("Cannot uncompress")
        .extracting(cause -> ((MalformedFrameException) cause).kind()).isEqualTo(Kind.CORRUPT_SEGMENT);
  }

  @Test
  void should_read_nothing_more_after_a_corrupt_segment() {
    decoder.useSegments(Segments.uncompressed(), 5);
    byte[] corrupt = segment(frame(1, 10), true);
    corrupt[1] ^= 0x04;
    assertCorrupt(corrupt, "CRC mismatch");

    channel.writeInbound(Unpooled.wrappedBuffer(segment(frame(2, 10), true)));

    assertThat((Object) channel.readInbound()).isNull();
  }

  private void assertCorrupt(byte[] bytes, String message) {
    assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(bytes)))
        .isInstanceOf(DecoderException.class)
        .cause().isInstanceOf(MalformedFrameException.class).hasMessageContaining(message)
        .extracting(cause -> ((MalformedFrameException) cause).kind(),
            cause -> ((MalformedFrameException) cause).version())
        .containsExactly(Kind.CORRUPT_SEGMENT, 5);
  }

  /** Compresses everything to 16 bytes that are not LZ4. */
  private static final class GarbageCompressor implements Compressor<ByteBuf> {
    @Override
    public String algorithm() {
      return "garbage";
    }

    @Override
    public ByteBuf compressWithoutLength(ByteBuf uncompressed) {
      return Unpooled.buffer().writeZero(8).writeLong(-1);
    }

    @Override
    public ByteBuf decompressWithoutLength(ByteBuf compressed, int uncompressedLength) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ByteBuf compress(ByteBuf uncompressed) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ByteBuf decompress(ByteBuf compressed) {
      throw new UnsupportedOperationException();
    }
  }

  private byte[] readFrame() {
    RawFrame frame = channel.readInbound();
    try {
      return ByteBufUtil.getBytes(frame.buffer());
    } finally {
      frame.release();
    }
  }
}
