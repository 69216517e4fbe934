package io.tandem.proxy.internal.frame;

import com.datastax.oss.protocol.internal.Compressor;
import com.datastax.oss.protocol.internal.Frame;
import com.datastax.oss.protocol.internal.FrameCodec;
import com.datastax.oss.protocol.internal.Message;
import com.datastax.oss.protocol.internal.response.Error;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Collections;

/**
 * Where a frame is decoded into a native-protocol message and a message encoded into a frame. Requests are
 * decoded from clients and encoded towards clusters; responses the other way round. Compression is not
 * negotiated by the proxy, so frames are never compressed.
 */
public final class ProtocolCodecs {

  private final FrameCodec<ByteBuf> server;
  private final FrameCodec<ByteBuf> client;

  public ProtocolCodecs(ByteBufAllocator allocator) {
    ByteBufPrimitiveCodec primitives = new ByteBufPrimitiveCodec(allocator);
    this.server = FrameCodec.defaultServer(primitives, Compressor.none());
    this.client = FrameCodec.defaultClient(primitives, Compressor.none());
  }

  /** Decodes a client's request; the raw frame is left as it was. */
  public Frame decodeRequest(RawFrame raw) {
    return decode(server, raw);
  }

  /** Decodes a cluster's response; the raw frame is left as it was. */
  public Frame decodeResponse(RawFrame raw) {
    return decode(client, raw);
  }

  public RawFrame encodeRequest(Frame frame) {
    return RawFrame.wrap(client.encode(frame));
  }

  public RawFrame encodeResponse(Frame frame) {
    return RawFrame.wrap(server.encode(frame));
  }

  /** A request frame for a proxy-made message. */
  public RawFrame request(int version, int streamId, Message message) {
    return encodeRequest(Frame.forRequest(version, streamId, false, Frame.NO_PAYLOAD, message));
  }

  /** A response frame for a proxy-made message. */
  public RawFrame response(int version, int streamId, Message message) {
    return encodeResponse(Frame.forResponse(version, streamId, null, Frame.NO_PAYLOAD, Collections.emptyList(),
        message));
  }

  /** An ERROR response. */
  public RawFrame error(int version, int streamId, int code, String message) {
    return response(version, streamId, new Error(code, message));
  }

  private static Frame decode(FrameCodec<ByteBuf> codec, RawFrame raw) {
    try {
      return codec.decode(raw.buffer().duplicate());
    } catch (RuntimeException e) {
      throw new MalformedFrameException(raw.version(), raw.streamId(), MalformedFrameException.Kind.UNDECODABLE,
          "Malformed " + (raw.isResponse() ? "response" : "request") + " (opcode 0x"
              + Integer.toHexString(raw.opcode()) + "): " + e.getMessage(), e);
    }
  }
}
