package io.tandem.proxy.internal.frame;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts a connection's byte stream into {@link RawFrame}s using the length in the v3+ header. A frame whose
 * announced body is larger than the limit, or whose header is not a v3+ header, raises a {@link
 * MalformedFrameException} carrying the stream id so that the connection can answer with a protocol error
 * before it is closed; nothing more is read from such a connection.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

  private static final int LENGTH_OFFSET = 5;
  private static final int MIN_VERSION = 3;
  private static final int MAX_KNOWN_VERSION = 6;

  private final int maxFrameBytes;
  private boolean failed;

  /** @param maxFrameBytes the largest body accepted, in bytes */
  public FrameDecoder(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  protected void decode(ChannelHandlerContext context, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < 1) {
      return;
    }
    int version = in.getUnsignedByte(in.readerIndex()) & 0x7F;
    if (version < MIN_VERSION || version > MAX_KNOWN_VERSION) {
      // v1/v2 headers are shorter and anything else is not CQL: answer at once instead of waiting for bytes
      fail(in, new MalformedFrameException(version, 0, MalformedFrameException.Kind.UNSUPPORTED_VERSION,
          "Invalid or unsupported protocol version (" + version + ")"));
      return;
    }
    if (in.readableBytes() < RawFrame.HEADER_LENGTH) {
      return;
    }
    int streamId = in.getShort(in.readerIndex() + 2);
    long bodyLength = in.getUnsignedInt(in.readerIndex() + LENGTH_OFFSET);
    if (bodyLength > maxFrameBytes) {
      fail(in, new MalformedFrameException(version, streamId, MalformedFrameException.Kind.TOO_LARGE,
          "Request is too big: length " + bodyLength + " exceeds the proxy's maximum frame size of "
              + maxFrameBytes + " bytes"));
      return;
    }
    int frameLength = RawFrame.HEADER_LENGTH + (int) bodyLength;
    if (in.readableBytes() < frameLength) {
      return;
    }
    out.add(RawFrame.wrap(in.readRetainedSlice(frameLength)));
  }

  private void fail(ByteBuf in, MalformedFrameException problem) {
    failed = true;
    in.skipBytes(in.readableBytes());
    throw problem;
  }
}
