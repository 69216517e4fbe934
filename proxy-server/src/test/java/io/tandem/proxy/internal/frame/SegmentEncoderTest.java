package io.tandem.proxy.internal.frame;

import static io.tandem.proxy.internal.frame.Segments.MAX_PAYLOAD;
import static io.tandem.proxy.internal.frame.Segments.concat;
import static io.tandem.proxy.internal.frame.Segments.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.protocol.internal.CrcMismatchException;
import com.datastax.oss.protocol.internal.Segment;
import com.datastax.oss.protocol.internal.SegmentCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tandem.proxy.internal.compression.Lz4SegmentCompressor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SegmentEncoderTest {

  private final SegmentEncoder encoder = new SegmentEncoder();
  private final EmbeddedChannel channel = new EmbeddedChannel(encoder);

  @Test
  void should_write_frames_as_they_are_until_switched() {
    byte[] ready = frame(1, 0);

    channel.writeOutbound(Unpooled.wrappedBuffer(ready));

    assertThat(written()).isEqualTo(ready);
  }

  @Test
  void should_put_the_frames_written_between_two_flushes_in_one_self_contained_segment() throws Exception {
    encoder.useSegments(Segments.uncompressed());
    byte[] first = frame(1, 10);
    byte[] second = frame(2, 2000);
    byte[] third = frame(3, 0);

    ChannelFuture firstWritten = channel.write(Unpooled.wrappedBuffer(first));
    channel.write(Unpooled.wrappedBuffer(second), channel.voidPromise());
    ChannelFuture thirdWritten = channel.write(Unpooled.wrappedBuffer(third));
    assertThat((Object) channel.readOutbound()).isNull();
    channel.flush();

    List<Segment<ByteBuf>> segments = segments(Segments.uncompressed());
    assertThat(segments).hasSize(1);
    assertThat(segments.get(0).isSelfContained).isTrue();
    assertThat(payload(segments.get(0))).isEqualTo(concat(first, second, third));
    assertThat(firstWritten.isSuccess()).isTrue();
    assertThat(thirdWritten.isSuccess()).isTrue();
  }

  @Test
  void should_start_a_new_segment_when_the_next_frame_does_not_fit() throws Exception {
    encoder.useSegments(Segments.uncompressed());
    byte[] first = frame(1, 100_000);
    byte[] second = frame(2, 50_000);

    channel.writeOutbound(Unpooled.wrappedBuffer(first), Unpooled.wrappedBuffer(second));

    List<Segment<ByteBuf>> segments = segments(Segments.uncompressed());
    assertThat(segments).extracting(segment -> segment.isSelfContained).containsExactly(true, true);
    assertThat(payload(segments.get(0))).isEqualTo(first);
    assertThat(payload(segments.get(1))).isEqualTo(second);
  }

  @Test
  void should_cut_a_frame_larger_than_a_segment_into_segments_that_are_not_self_contained() throws Exception {
    encoder.useSegments(Segments.uncompressed());
    byte[] small = frame(1, 10);
    byte[] large = frame(2, 300_000);

    channel.write(Unpooled.wrappedBuffer(small));
    ChannelFuture largeWritten = channel.writeAndFlush(Unpooled.wrappedBuffer(large));

    List<Segment<ByteBuf>> segments = segments(Segments.uncompressed());
    assertThat(segments).extracting(segment -> segment.isSelfContained).containsExactly(true, false, false, false);
    assertThat(segments).extracting(segment -> segment.payload.readableBytes())
        .containsExactly(small.length, MAX_PAYLOAD, MAX_PAYLOAD, large.length - 2 * MAX_PAYLOAD);
    assertThat(payload(segments.get(0))).isEqualTo(small);
    assertThat(concat(payload(segments.get(1)), payload(segments.get(2)), payload(segments.get(3)))).isEqualTo(large);
    assertThat(largeWritten.isSuccess()).isTrue();
  }

  @Test
  void should_compress_segments_with_lz4_and_store_what_does_not_compress() throws Exception {
    SegmentCodec<ByteBuf> lz4 = Segments.codec(new Lz4SegmentCompressor(UnpooledByteBufAllocator.DEFAULT));
    encoder.useSegments(lz4);
    byte[] compressible = frame(1, 100_000);
    byte[] random = new byte[50_000];
    new Random(7).nextBytes(random);
    byte[] incompressible = Segments.frame(2, random);

    channel.writeOutbound(Unpooled.wrappedBuffer(compressible));
    ByteBuf compressed = channel.readOutbound();
    channel.writeOutbound(Unpooled.wrappedBuffer(incompressible));
    ByteBuf stored = channel.readOutbound();

    assertThat(compressed.readableBytes()).isLessThan(compressible.length / 2);
    assertThat(stored.readableBytes()).isGreaterThan(incompressible.length);
    assertThat(payload(Segments.read(compressed, lz4).get(0))).isEqualTo(compressible);
    assertThat(payload(Segments.read(stored, lz4).get(0))).isEqualTo(incompressible);
    compressed.release();
    stored.release();
  }

  @Test
  void should_round_trip_through_the_decoder_with_lz4() {
    SegmentCodec<ByteBuf> lz4 = Segments.codec(new Lz4SegmentCompressor(UnpooledByteBufAllocator.DEFAULT));
    encoder.useSegments(lz4);
    FrameDecoder decoder = new FrameDecoder(1024 * 1024);
    decoder.useSegments(lz4, 5);
    EmbeddedChannel reader = new EmbeddedChannel(decoder);
    byte[] small = frame(1, 1000);
    byte[] large = frame(2, 400_000);

    channel.write(Unpooled.wrappedBuffer(small));
    channel.writeAndFlush(Unpooled.wrappedBuffer(large));
    for (Object segment; (segment = channel.readOutbound()) != null; ) {
      reader.writeInbound(segment);
    }

    assertThat(read(reader)).isEqualTo(small);
    assertThat(read(reader)).isEqualTo(large);
  }

  private byte[] written() {
    ByteBuf written = channel.readOutbound();
    try {
      return ByteBufUtil.getBytes(written);
    } finally {
      written.release();
    }
  }

  private List<Segment<ByteBuf>> segments(SegmentCodec<ByteBuf> codec) throws CrcMismatchException {
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
      all.writeBytes(part);
      part.release();
    }
    return Segments.read(all, codec);
  }

  private static byte[] payload(Segment<ByteBuf> segment) {
    try {
      return ByteBufUtil.getBytes(segment.payload);
    } finally {
      segment.payload.release();
    }
  }

  private static byte[] read(EmbeddedChannel reader) {
    RawFrame frame = reader.readInbound();
    try {
      return ByteBufUtil.getBytes(frame.buffer());
    } finally {
      frame.release();
    }
  }
}
