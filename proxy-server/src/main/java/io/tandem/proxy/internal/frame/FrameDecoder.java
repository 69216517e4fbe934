package io.tandem.proxy.internal.frame;

import com.datastax.oss.protocol.internal.SegmentCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts a connection's byte stream into {@link RawFrame}s: using the length in the v3+ header, or, once {@link
 * #useSegments} was called (protocol v5 after the handshake), from v5 segments. A frame whose announced body
 * is larger than the limit, a header that is not a v3+ header, or a corrupt segment raises a {@link
 * MalformedFrameException} carrying the stream id so that the connection can answer with a protocol error
 * before it is closed; nothing more is read from such a connection.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

  private static final int MIN_VERSION = 3;
  private static final int MAX_KNOWN_VERSION = 6;

  private final int maxFrameBytes;
  private SegmentDecoder segments;
  private boolean failed;

  /** @param maxFrameBytes the largest body accepted, in bytes */
  public FrameDecoder(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /**
   * From now on reads v5 segments in {@code codec}'s format (bytes already received included); called on
   * the channel's event loop.
   *
   * @param version the connection's protocol version, for the errors
   */
  public void useSegments(SegmentCodec<ByteBuf> codec, int version) {
    if (segments == null) {
      segments = new SegmentDecoder(codec, version, maxFrameBytes);
    }
  }

  /** Whether {@link #useSegments} was called. */
  public boolean usesSegments() {
    return segments != null;
  }

  @Override
  protected void decode(ChannelHandlerContext context, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      if (segments != null) {
        segments.decode(in, out);
      } else {
        decodeFrame(in, out);
      }
    } catch (MalformedFrameException e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      throw e;
    }
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext context) {
    if (segments != null) {
      segments.release();
    }
  }

  private void decodeFrame(ByteBuf in, List<Object> out) {
    if (in.readableBytes() < 1) {
      return;
    }
    int version = in.getUnsignedByte(in.readerIndex()) & 0x7F;
    if (version < MIN_VERSION || version > MAX_KNOWN_VERSION) {
      // v1/v2 headers are shorter and anything else is not CQL: answer at once instead of waiting for bytes
      throw new MalformedFrameException(version, 0, MalformedFrameException.Kind.UNSUPPORTED_VERSION,
          "Invalid or unsupported protocol version (" + version + ")");
    }
    if (in.readableBytes() < RawFrame.HEADER_LENGTH) {
      return;
    }
    int streamId = in.getShort(in.readerIndex() + RawFrame.STREAM_ID_OFFSET);
    long bodyLength = in.getUnsignedInt(in.readerIndex() + RawFrame.LENGTH_OFFSET);
    if (bodyLength > maxFrameBytes) {
      throw new MalformedFrameException(version, streamId, MalformedFrameException.Kind.TOO_LARGE,
          "Request is too big: length " + bodyLength + " exceeds the proxy's maximum frame size of "
              + maxFrameBytes + " bytes");
    }
    int frameLength = RawFrame.HEADER_LENGTH + (int) bodyLength;
    if (in.readableBytes() < frameLength) {
      return;
    }
    out.add(RawFrame.wrap(in.readRetainedSlice(frameLength)));
  }
}
