package io.tandem.proxy.internal.frame;

import com.datastax.oss.protocol.internal.Compressor;
import com.datastax.oss.protocol.internal.CrcMismatchException;
import com.datastax.oss.protocol.internal.Segment;
import com.datastax.oss.protocol.internal.SegmentCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Protocol v5 segments and frames for the tests, written and read with the native-protocol library's own
 * {@link SegmentCodec} (as the Java driver does), independently of the proxy's encoder and decoder.
 */
final class Segments {

  static final int MAX_PAYLOAD = Segment.MAX_PAYLOAD_LENGTH;

  private Segments() {}

  static SegmentCodec<ByteBuf> codec(Compressor<ByteBuf> compressor) {
    return new SegmentCodec<>(new ByteBufPrimitiveCodec(UnpooledByteBufAllocator.DEFAULT), compressor);
  }

  static SegmentCodec<ByteBuf> uncompressed() {
    return codec(Compressor.none());
  }

  /** A v5 QUERY request frame whose body is {@code bodyLength} bytes of a repeating pattern. */
  static byte[] frame(int streamId, int bodyLength) {
    byte[] body = new byte[bodyLength];
    for (int index = 0; index < bodyLength; index++) {
      body[index] = (byte) (index % 251);
    }
    return frame(streamId, body);
  }

  /** A v5 QUERY request frame with this body. */
  static byte[] frame(int streamId, byte[] body) {
    return ByteBufUtil.getBytes(Unpooled.buffer().writeByte(5).writeByte(0).writeShort(streamId).writeByte(0x07)
        .writeInt(body.length).writeBytes(body));
  }

  /** One whole uncompressed segment (header, payload, trailer) holding {@code payload}. */
  static byte[] segment(byte[] payload, boolean selfContained) {
    return segment(uncompressed(), payload, selfContained);
  }

  /** One whole self-contained segment holding {@code payload}, in {@code codec}'s format. */
  static byte[] segment(SegmentCodec<ByteBuf> codec, byte[] payload) {
    return segment(codec, payload, true);
  }

  private static byte[] segment(SegmentCodec<ByteBuf> codec, byte[] payload, boolean selfContained) {
    List<Object> parts = new ArrayList<>();
    codec.encode(new Segment<>(Unpooled.wrappedBuffer(payload), selfContained), parts);
    ByteBuf segment = Unpooled.buffer();
    for (Object part : parts) {
      ByteBuf buffer = (ByteBuf) part;
      segment.writeBytes(buffer);
      buffer.release();
    }
    return ByteBufUtil.getBytes(segment);
  }

  static byte[] concat(byte[]... parts) {
    ByteBuf all = Unpooled.buffer();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return ByteBufUtil.getBytes(all);
  }

  /** The segments in {@code bytes}, read with the library's codec; checks every CRC. */
  static List<Segment<ByteBuf>> read(ByteBuf bytes, SegmentCodec<ByteBuf> codec) throws CrcMismatchException {
    List<Segment<ByteBuf>> segments = new ArrayList<>();
    while (bytes.isReadable()) {
      SegmentCodec.Header header = codec.decodeHeader(bytes.readSlice(codec.headerLength()
          + SegmentCodec.CRC24_LENGTH));
      segments.add(codec.decode(header, bytes.readRetainedSlice(header.payloadLength + SegmentCodec.CRC32_LENGTH)));
    }
    return segments;
  }
}
