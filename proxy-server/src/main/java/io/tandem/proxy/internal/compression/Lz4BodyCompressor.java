package io.tandem.proxy.internal.compression;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** LZ4 as protocol v4 frames it: the uncompressed length (4 bytes, big-endian), then one LZ4 block. */
final class Lz4BodyCompressor implements BodyCompressor {

  private static final int LENGTH_PREFIX = 4;

  @Override
  public String algorithm() {
    return "lz4";
  }

  @Override
  public ByteBuf compress(ByteBuf body, ByteBufAllocator allocator) {
    ByteBuf compressed = allocator.buffer(LENGTH_PREFIX + body.readableBytes() / 2).writeInt(body.readableBytes());
    Lz4Block.compress(body, compressed);
    return compressed;
  }

  @Override
  public ByteBuf decompress(ByteBuf body, int maxLength, ByteBufAllocator allocator) {
    if (body.readableBytes() < LENGTH_PREFIX) {
      throw new IllegalArgumentException("an LZ4 body needs at least 4 bytes, got " + body.readableBytes());
    }
    int length = body.getInt(body.readerIndex());
    if (length < 0 || length > maxLength) {
      throw new IllegalArgumentException("an LZ4 body announces " + length + " bytes uncompressed; the limit is "
          + maxLength);
    }
    return Lz4Block.decompress(body.slice(body.readerIndex() + LENGTH_PREFIX, body.readableBytes() - LENGTH_PREFIX),
        length, allocator);
  }
}
