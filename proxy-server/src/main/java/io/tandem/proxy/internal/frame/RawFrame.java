package io.tandem.proxy.internal.frame;

import io.netty.buffer.ByteBuf;

/**
 * One whole native-protocol frame (v3+ header of 9 bytes, then the body) as it came off the wire, with its
 * header fields read. Frames the proxy only forwards stay raw: only the stream id is rewritten, in place.
 * The frame owns one reference to its buffer: whoever consumes it writes or {@link #release()}s it.
 */
public final class RawFrame {

  public static final int HEADER_LENGTH = 9;
  private static final int RESPONSE_BIT = 0x80;
  static final int STREAM_ID_OFFSET = 2;
  static final int LENGTH_OFFSET = 5;
  /** The stream id of server-pushed EVENT frames. */
  public static final int EVENT_STREAM_ID = -1;

  private final ByteBuf buffer;
  private final int version;
  private final boolean response;
  private final int flags;
  private final int opcode;
  private int streamId;

  private RawFrame(ByteBuf buffer) {
    this.buffer = buffer;
    // version, flags and stream id in one read (each read of a buffer checks that it is still accessible)
    int start = buffer.getInt(buffer.readerIndex());
    int versionByte = start >>> 24;
    this.version = versionByte & ~RESPONSE_BIT;
    this.response = (versionByte & RESPONSE_BIT) != 0;
    this.flags = (start >>> 16) & 0xFF;
    this.streamId = (short) start;
    this.opcode = buffer.getUnsignedByte(buffer.readerIndex() + 4);
  }

  /** Wraps a buffer holding exactly one frame, taking over its reference. */
  public static RawFrame wrap(ByteBuf buffer) {
    return new RawFrame(buffer);
  }

  public int version() {
    return version;
  }

  public boolean isResponse() {
    return response;
  }

  public int flags() {
    return flags;
  }

  public int streamId() {
    return streamId;
  }

  /** Rewrites the stream id in place and returns this frame. */
  public RawFrame withStreamId(int streamId) {
    buffer.setShort(buffer.readerIndex() + STREAM_ID_OFFSET, streamId);
    this.streamId = (short) streamId;
    return this;
  }

  public int opcode() {
    return opcode;
  }

  /** The body (after the header), as a view that shares this frame's reference. */
  public ByteBuf body() {
    return buffer.slice(buffer.readerIndex() + HEADER_LENGTH, buffer.readableBytes() - HEADER_LENGTH);
  }

  /** The whole frame, header included, as a view that shares this frame's reference. */
  public ByteBuf buffer() {
    return buffer;
  }

  public int length() {
    return buffer.readableBytes();
  }

  /** A frame sharing the same bytes with its own reference, for a second consumer. */
  public RawFrame retainedDuplicate() {
    return new RawFrame(buffer.retainedDuplicate());
  }

  public void release() {
    buffer.release();
  }

  @Override
  public String toString() {
    return "RawFrame{v" + version + (response ? " response" : " request") + ", stream " + streamId() + ", opcode 0x"
        + Integer.toHexString(opcode) + ", " + length() + " bytes}";
  }
}
