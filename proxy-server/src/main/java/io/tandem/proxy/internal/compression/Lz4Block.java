package io.tandem.proxy.internal.compression;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

/** One raw LZ4 block, as both protocol v4 frame bodies and protocol v5 segments carry it. */
final class Lz4Block {

  private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
  private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
  private static final LZ4FastDecompressor DECOMPRESSOR = FACTORY.fastDecompressor();

  private Lz4Block() {}

  /** Appends the block holding {@code input}'s readable bytes to {@code output}; {@code input} is left as it is. */
  static void compress(ByteBuf input, ByteBuf output) {
    byte[] bytes = ByteBufUtil.getBytes(input);
    byte[] block = new byte[COMPRESSOR.maxCompressedLength(bytes.length)];
    int written = COMPRESSOR.compress(bytes, 0, bytes.length, block, 0, block.length);
    output.writeBytes(block, 0, written);
  }

  /**
   * The {@code length} bytes that {@code block} (all its readable bytes) uncompresses to, in a new buffer;
   * {@code block} is left as it is.
   *
   * @throws IllegalArgumentException when the bytes are not one LZ4 block of that uncompressed length
   */
  static ByteBuf decompress(ByteBuf block, int length, ByteBufAllocator allocator) {
    byte[] input = ByteBufUtil.getBytes(block);
    byte[] output = new byte[length];
    try {
      int read = DECOMPRESSOR.decompress(input, 0, output, 0, length);
      if (read != input.length) {
        throw new IllegalArgumentException("an LZ4 block has " + (input.length - read) + " bytes after its end");
      }
    } catch (LZ4Exception e) {
      throw new IllegalArgumentException("not a valid LZ4 block: " + e.getMessage(), e);
    }
    return allocator.buffer(length).writeBytes(output);
  }
}
