package io.tandem.proxy.internal.frame;

import com.datastax.oss.protocol.internal.Compressor;
import com.datastax.oss.protocol.internal.ProtocolConstants.Opcode;
import com.datastax.oss.protocol.internal.SegmentCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * When and how a connection moves to protocol v5 segments: the handshake (OPTIONS, STARTUP and their answers)
 * is not framed, and both directions use segments from the server's READY or AUTHENTICATE answer to STARTUP on
 * (native_protocol_v5.spec, section 2.3.1). The connection's pipeline must hold a {@link FrameDecoder} and a
 * {@link SegmentEncoder}.
 */
public final class SegmentFraming {

  /** The first protocol version that uses segments. */
  public static final int FIRST_VERSION = 5;

  private SegmentFraming() {}

  /** Whether frames of this version travel in segments after the handshake (v5 and later). */
  public static boolean appliesTo(int version) {
    return version >= FIRST_VERSION;
  }

  /**
   * Whether the connection must switch to segments right after this answer: a READY or AUTHENTICATE of a
   * v5+ connection that does not use segments yet (a READY answering a later REGISTER changes nothing).
   */
  public static boolean startsAfter(RawFrame answer, Channel channel) {
    if (!appliesTo(answer.version()) || (answer.opcode() != Opcode.READY && answer.opcode() != Opcode.AUTHENTICATE)) {
      return false;
    }
    SegmentEncoder encoder = channel.pipeline().get(SegmentEncoder.class);
    return encoder != null && !encoder.usesSegments(); // no encoder: the connection closed meanwhile
  }

  /**
   * Switches both directions of the connection to segments; called on its event loop, after the answer that
   * ends the handshake was written (or read).
   *
   * @param compressor {@link Compressor#none()}, or the LZ4 segment compressor the client asked for
   */
  public static void start(Channel channel, int version, Compressor<ByteBuf> compressor) {
    FrameDecoder decoder = channel.pipeline().get(FrameDecoder.class);
    SegmentEncoder encoder = channel.pipeline().get(SegmentEncoder.class);
    if (decoder == null || encoder == null) {
      return; // the connection closed meanwhile
    }
    SegmentCodec<ByteBuf> codec = new SegmentCodec<>(new ByteBufPrimitiveCodec(channel.alloc()), compressor);
    decoder.useSegments(codec, version);
    encoder.useSegments(codec);
  }
}
