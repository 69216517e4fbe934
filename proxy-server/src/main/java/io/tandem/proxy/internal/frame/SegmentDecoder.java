package io.tandem.proxy.internal.frame;

import com.datastax.oss.protocol.internal.CrcMismatchException;
import com.datastax.oss.protocol.internal.Segment;
import com.datastax.oss.protocol.internal.SegmentCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.tandem.proxy.internal.frame.MalformedFrameException.Kind;
import java.util.List;

/**
 * Reads protocol v5 segments (native_protocol_v5.spec, section 2) from a byte stream and turns them into
 * {@link RawFrame}s: a self-contained segment holds one or more whole frames, a frame larger than a segment
 * arrives in consecutive segments that are not self-contained. The header's CRC24 and the payload's CRC32 are
 * checked before anything is used; a mismatch, a frame cut by the end of a self-contained segment, or a
 * frame over the size limit raises a {@link MalformedFrameException}. Used by {@link FrameDecoder} once the
 * connection switched to segments; confined to the channel's event loop.
 */
final class SegmentDecoder {

  private final SegmentCodec<ByteBuf> codec;
  private final int version;
  private final int maxFrameBytes;
  private SegmentCodec.Header header;
  private CompositeByteBuf largeFrame;
  private long largeFrameLength;

  /**
   * @param codec the segment format: uncompressed, or LZ4 when the client asked for it
   * @param version the connection's protocol version, for the errors
   * @param maxFrameBytes the largest frame body accepted, in bytes
   */
  SegmentDecoder(SegmentCodec<ByteBuf> codec, int version, int maxFrameBytes) {
    this.codec = codec;
    this.version = version;
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Reads at most one segment from {@code in}, adding the frames it completes to {@code out}. */
  void decode(ByteBuf in, List<Object> out) {
    int headerLength = codec.headerLength() + SegmentCodec.CRC24_LENGTH;
    if (header == null) {
      if (in.readableBytes() < headerLength) {
        return;
      }
      try {
        header = codec.decodeHeader(in.readSlice(headerLength));
      } catch (CrcMismatchException e) {
        throw corrupt("Corrupt protocol v5 segment header: " + e.getMessage());
      }
    }
    int segmentLength = header.payloadLength + SegmentCodec.CRC32_LENGTH;
    if (in.readableBytes() < segmentLength) {
      return;
    }
    SegmentCodec.Header complete = header;
    header = null;
    Segment<ByteBuf> segment;
    try {
      segment = codec.decode(complete, in.readRetainedSlice(segmentLength));
    } catch (CrcMismatchException e) {
      throw corrupt("Corrupt protocol v5 segment payload: " + e.getMessage());
    } catch (RuntimeException e) {
      throw corrupt("Cannot uncompress a protocol v5 segment: " + e.getMessage());
    }
    try {
      if (segment.isSelfContained) {
        frames(segment.payload, out);
      } else {
        slice(segment.payload, out);
      }
    } catch (MalformedFrameException e) {
      release();
      throw e;
    }
  }

  /** Releases a large frame still being assembled. */
  void release() {
    if (largeFrame != null) {
      largeFrame.release();
      largeFrame = null;
    }
  }

  private void frames(ByteBuf payload, List<Object> out) {
    try {
      if (largeFrame != null) {
        throw corrupt("A self-contained segment arrived while a frame split over several segments was incomplete");
      }
      while (payload.isReadable()) {
        if (payload.readableBytes() < RawFrame.HEADER_LENGTH) {
          throw corrupt("A self-contained segment ends inside a frame header");
        }
        long bodyLength = checkedBodyLength(payload);
        if (payload.readableBytes() < RawFrame.HEADER_LENGTH + bodyLength) {
          throw corrupt("A self-contained segment ends inside a frame of " + bodyLength + " bytes");
        }
        out.add(RawFrame.wrap(payload.readRetainedSlice(RawFrame.HEADER_LENGTH + (int) bodyLength)));
      }
    } finally {
      payload.release();
    }
  }

  private void slice(ByteBuf payload, List<Object> out) {
    if (largeFrame == null) {
      largeFrame = payload.alloc().compositeBuffer(Integer.MAX_VALUE);
      largeFrameLength = -1;
    }
    largeFrame.addComponent(true, payload);
    if (largeFrameLength < 0 && largeFrame.readableBytes() >= RawFrame.HEADER_LENGTH) {
      largeFrameLength = RawFrame.HEADER_LENGTH + checkedBodyLength(largeFrame);
    }
    if (largeFrameLength < 0 || largeFrame.readableBytes() < largeFrameLength) {
      return;
    }
    if (largeFrame.readableBytes() > largeFrameLength) {
      throw corrupt("Segments that are not self-contained carry " + largeFrame.readableBytes()
          + " bytes for a frame of " + largeFrameLength);
    }
    out.add(RawFrame.wrap(largeFrame));
    largeFrame = null;
  }

  /** The body length in the frame header at the reader index, refused when over the limit. */
  private long checkedBodyLength(ByteBuf frame) {
    long bodyLength = frame.getUnsignedInt(frame.readerIndex() + RawFrame.LENGTH_OFFSET);
    if (bodyLength > maxFrameBytes) {
      throw new MalformedFrameException(version, frame.getShort(frame.readerIndex() + RawFrame.STREAM_ID_OFFSET),
          Kind.TOO_LARGE, "Request is too big: length " + bodyLength + " exceeds the proxy's maximum frame size of "
              + maxFrameBytes + " bytes");
    }
    return bodyLength;
  }

  private MalformedFrameException corrupt(String message) {
    return new MalformedFrameException(version, 0, Kind.CORRUPT_SEGMENT, message);
  }
}
