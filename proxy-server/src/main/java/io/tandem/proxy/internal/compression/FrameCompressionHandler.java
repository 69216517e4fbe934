package io.tandem.proxy.internal.compression;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.tandem.proxy.internal.frame.MalformedFrameException;
import io.tandem.proxy.internal.frame.MalformedFrameException.Kind;
import io.tandem.proxy.internal.frame.RawFrame;
import io.tandem.proxy.internal.frame.SegmentFraming;

/**
 * Compression between one client and the proxy (protocol v4: each frame body on its own, flag 0x01). Until
 * the client's STARTUP asks for an algorithm it passes frames through; from then on it uncompresses the
 * client's compressed frames before the proxy reads them and compresses every non-empty frame the proxy sends
 * (the STARTUP's answer included, as Cassandra does). The proxy talks to the clusters uncompressed. Protocol
 * v5 frames always pass as they are: v5 compresses whole segments ({@link Lz4SegmentCompressor}), and the
 * frame's compression flag is ignored.
 */
public final class FrameCompressionHandler extends ChannelDuplexHandler {

  private static final int COMPRESSED_FLAG = 0x01;
  private static final int FLAGS_OFFSET = 1;
  private static final int LENGTH_OFFSET = 5;
  private static final int VERSION_MASK = 0x7F;

  private final int maxFrameBytes;
  private BodyCompressor compressor;

  /** @param maxFrameBytes the largest body accepted once uncompressed, as for uncompressed frames */
  public FrameCompressionHandler(int maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Compresses from now on with {@code negotiated}; called on the channel's event loop. */
  public void use(BodyCompressor negotiated) {
    this.compressor = negotiated;
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object message) {
    RawFrame frame = (RawFrame) message;
    if ((frame.flags() & COMPRESSED_FLAG) == 0 || SegmentFraming.appliesTo(frame.version())) {
      // in v5 the flag is deprecated and ignored: segments carry the compression
      context.fireChannelRead(frame);
      return;
    }
    try {
      if (compressor == null) {
        throw new MalformedFrameException(frame.version(), frame.streamId(), Kind.UNDECODABLE,
            "A compressed frame on a connection whose STARTUP asked for no compression");
      }
      ByteBuf body;
      try {
        body = compressor.decompress(frame.body(), maxFrameBytes, context.alloc());
      } catch (IllegalArgumentException e) {
        throw new MalformedFrameException(frame.version(), frame.streamId(), Kind.UNDECODABLE,
            "Cannot uncompress a " + compressor.algorithm() + " frame: " + e.getMessage(), e);
      }
      context.fireChannelRead(RawFrame.wrap(withBody(frame.buffer(), body, frame.flags() & ~COMPRESSED_FLAG,
          context)));
    } finally {
      frame.release();
    }
  }

  @Override
  public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
    if (compressor == null || !(message instanceof ByteBuf frame)
        || frame.readableBytes() <= RawFrame.HEADER_LENGTH
        || SegmentFraming.appliesTo(frame.getUnsignedByte(frame.readerIndex()) & VERSION_MASK)) {
      context.write(message, promise);
      return;
    }
    ByteBuf compressedFrame;
    try {
      ByteBuf body = frame.slice(frame.readerIndex() + RawFrame.HEADER_LENGTH,
          frame.readableBytes() - RawFrame.HEADER_LENGTH);
      int flags = frame.getUnsignedByte(frame.readerIndex() + FLAGS_OFFSET) | COMPRESSED_FLAG;
      compressedFrame = withBody(frame, compressor.compress(body, context.alloc()), flags, context);
    } finally {
      frame.release();
    }
    context.write(compressedFrame, promise);
  }

  /** A new frame: {@code frame}'s header with {@code flags} and the new body's length, then that body (released). */
  private static ByteBuf withBody(ByteBuf frame, ByteBuf body, int flags, ChannelHandlerContext context) {
    try {
      ByteBuf result = context.alloc().buffer(RawFrame.HEADER_LENGTH + body.readableBytes());
      result.writeBytes(frame, frame.readerIndex(), RawFrame.HEADER_LENGTH);
      result.setByte(FLAGS_OFFSET, flags);
      result.setInt(LENGTH_OFFSET, body.readableBytes());
      return result.writeBytes(body);
    } finally {
      body.release();
    }
  }
}
