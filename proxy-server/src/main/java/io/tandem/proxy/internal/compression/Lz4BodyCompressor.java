package io.tandem.proxy.internal.compression;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

/** LZ4 as protocol v4 frames it: the uncompressed length (4 bytes, big-endian), then one LZ4 block. */
final class Lz4BodyCompressor implements BodyCompressor {

  private static final int LENGTH_PREFIX = 4;

  private final LZ4Compressor compressor;
  private final LZ4FastDecompressor decompressor;

  Lz4BodyCompressor() {
    LZ4Factory factory = LZ4Factory.fastestInstance();
    this.compressor = factory.fastCompressor();
    this.decompressor = factory.fastDecompressor();
  }

  @Override
  public String algorithm() {
    return "lz4";
  }

  @Override
  public ByteBuf compress(ByteBuf body, ByteBufAllocator allocator) {
    byte[] input = ByteBufUtil.getBytes(body);
    byte[] output = new byte[compressor.maxCompressedLength(input.length)];
    int written = compressor.compress(input, 0, input.length, output, 0, output.length);
    return allocator.buffer(LENGTH_PREFIX + written).writeInt(input.length).writeBytes(output, 0, written);
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
    byte[] input = ByteBufUtil.getBytes(body, body.readerIndex() + LENGTH_PREFIX,
        body.readableBytes() - LENGTH_PREFIX);
    byte[] output = new byte[length];
    try {
      int read = decompressor.decompress(input, 0, output, 0, length);
      if (read != input.length) {
        throw new IllegalArgumentException("an LZ4 body has " + (input.length - read) + " bytes after its block");
      }
    } catch (LZ4Exception e) {
      throw new IllegalArgumentException("not a valid LZ4 body: " + e.getMessage(), e);
    }
    return allocator.buffer(length).writeBytes(output);
  }
}
