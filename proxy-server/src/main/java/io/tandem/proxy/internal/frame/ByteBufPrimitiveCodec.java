package io.tandem.proxy.internal.frame;

import com.datastax.oss.protocol.internal.PrimitiveCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The native-protocol library's primitives over Netty buffers. Reads of malformed input throw {@link
 * IllegalArgumentException} or {@link IndexOutOfBoundsException}; callers treat both as a malformed frame.
 */
public final class ByteBufPrimitiveCodec implements PrimitiveCodec<ByteBuf> {

  private final ByteBufAllocator allocator;

  public ByteBufPrimitiveCodec(ByteBufAllocator allocator) {
    this.allocator = allocator;
  }

  @Override
  public ByteBuf allocate(int size) {
    return allocator.ioBuffer(size, size);
  }

  @Override
  public void release(ByteBuf buffer) {
    buffer.release();
  }

  @Override
  public int sizeOf(ByteBuf buffer) {
    return buffer.readableBytes();
  }

  @Override
  public ByteBuf concat(ByteBuf left, ByteBuf right) {
    if (!left.isReadable()) {
      return right.duplicate();
    }
    if (!right.isReadable()) {
      return left.duplicate();
    }
    CompositeByteBuf both = allocator.compositeBuffer(2);
    both.addComponents(true, left, right);
    return both;
  }

  @Override
  public void markReaderIndex(ByteBuf source) {
    source.markReaderIndex();
  }

  @Override
  public void resetReaderIndex(ByteBuf source) {
    source.resetReaderIndex();
  }

  @Override
  public byte readByte(ByteBuf source) {
    return source.readByte();
  }

  @Override
  public int readInt(ByteBuf source) {
    return source.readInt();
  }

  @Override
  public int readInt(ByteBuf source, int offset) {
    return source.getInt(source.readerIndex() + offset);
  }

  @Override
  public InetAddress readInetAddr(ByteBuf source) {
    byte[] address = new byte[source.readUnsignedByte()];
    source.readBytes(address);
    try {
      return InetAddress.getByAddress(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("an inet address of " + address.length + " bytes", e);
    }
  }

  @Override
  public long readLong(ByteBuf source) {
    return source.readLong();
  }

  @Override
  public int readUnsignedShort(ByteBuf source) {
    return source.readUnsignedShort();
  }

  @Override
  public ByteBuffer readBytes(ByteBuf source) {
    int length = source.readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[checkedLength(source, length)];
    source.readBytes(bytes);
    return ByteBuffer.wrap(bytes);
  }

  @Override
  public byte[] readShortBytes(ByteBuf source) {
    byte[] bytes = new byte[checkedLength(source, source.readUnsignedShort())];
    source.readBytes(bytes);
    return bytes;
  }

  @Override
  public String readString(ByteBuf source) {
    return readString(source, source.readUnsignedShort());
  }

  @Override
  public String readLongString(ByteBuf source) {
    return readString(source, source.readInt());
  }

  @Override
  public ByteBuf readRetainedSlice(ByteBuf source, int length) {
    return source.readRetainedSlice(checkedLength(source, length));
  }

  @Override
  public void updateCrc(ByteBuf source, CRC32 crc) {
    // component by component: a composite buffer (a v5 segment of several frames) is not copied
    for (ByteBuffer component : source.nioBuffers(source.readerIndex(), source.readableBytes())) {
      crc.update(component);
    }
  }

  @Override
  public void writeByte(byte value, ByteBuf destination) {
    destination.writeByte(value);
  }

  @Override
  public void writeInt(int value, ByteBuf destination) {
    destination.writeInt(value);
  }

  @Override
  public void writeInetAddr(InetAddress address, ByteBuf destination) {
    byte[] bytes = address.getAddress();
    destination.writeByte(bytes.length);
    destination.writeBytes(bytes);
  }

  @Override
  public void writeLong(long value, ByteBuf destination) {
    destination.writeLong(value);
  }

  @Override
  public void writeUnsignedShort(int value, ByteBuf destination) {
    destination.writeShort(value);
  }

  @Override
  public void writeString(String value, ByteBuf destination) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    destination.writeShort(bytes.length);
    destination.writeBytes(bytes);
  }

  @Override
  public void writeLongString(String value, ByteBuf destination) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    destination.writeInt(bytes.length);
    destination.writeBytes(bytes);
  }

  @Override
  public void writeBytes(ByteBuffer bytes, ByteBuf destination) {
    if (bytes == null) {
      destination.writeInt(-1);
    } else {
      destination.writeInt(bytes.remaining());
      destination.writeBytes(bytes.duplicate());
    }
  }

  @Override
  public void writeBytes(byte[] bytes, ByteBuf destination) {
    if (bytes == null) {
      destination.writeInt(-1);
    } else {
      destination.writeInt(bytes.length);
      destination.writeBytes(bytes);
    }
  }

  @Override
  public void writeShortBytes(byte[] bytes, ByteBuf destination) {
    destination.writeShort(bytes.length);
    destination.writeBytes(bytes);
  }

  private static String readString(ByteBuf source, int length) {
    String value = source.toString(source.readerIndex(), checkedLength(source, length), StandardCharsets.UTF_8);
    source.skipBytes(length);
    return value;
  }

  /** A length read from the wire, checked before anything is allocated for it (a fuzzed length must not OOM). */
  private static int checkedLength(ByteBuf source, int length) {
    if (length < 0 || length > source.readableBytes()) {
      throw new IllegalArgumentException(
          "a length of " + length + " with " + source.readableBytes() + " bytes left in the frame");
    }
    return length;
  }
}
