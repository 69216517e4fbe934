package io.tandem.proxy.internal.compression;

import com.datastax.oss.protocol.internal.Compressor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * LZ4 as protocol v5 segments use it (native_protocol_v5.spec, section 2.2): each segment's payload is one LZ4
 * block, its lengths are in the segment header. For the native-protocol library's {@code SegmentCodec}; the
 * v4 per-frame methods are not supported ({@link FrameCompressionHandler} does v4).
 */
public final class Lz4SegmentCompressor implements Compressor<ByteBuf> {

  private final ByteBufAllocator allocator;

  public Lz4SegmentCompressor(ByteBufAllocator allocator) {
    this.allocator = allocator;
  }

  @Override
  public String algorithm() {
    return "lz4";
  }

  @Override
  public ByteBuf compressWithoutLength(ByteBuf uncompressed) {
    ByteBuf compressed = allocator.buffer(uncompressed.readableBytes() / 2 + 16);
    Lz4Block.compress(uncompressed, compressed);
    return compressed;
  }

  /**
   * @throws IllegalArgumentException when the payload is not one LZ4 block of that uncompressed length; the
   *     payload is then released, since {@code SegmentCodec} releases it only after a successful call
   */
  @Override
  public ByteBuf decompressWithoutLength(ByteBuf compressed, int uncompressedLength) {
    try {
      return Lz4Block.decompress(compressed, uncompressedLength, allocator);
    } catch (IllegalArgumentException e) {
      compressed.release();
      throw e;
    }
  }

  @Override
  public ByteBuf compress(ByteBuf uncompressed) {
    throw new UnsupportedOperationException("protocol v4 frame compression is FrameCompressionHandler's");
  }

  @Override
  public ByteBuf decompress(ByteBuf compressed) {
    throw new UnsupportedOperationException("protocol v4 frame compression is FrameCompressionHandler's");
  }
}
