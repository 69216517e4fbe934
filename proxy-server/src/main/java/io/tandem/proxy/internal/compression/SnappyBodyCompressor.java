package io.tandem.proxy.internal.compression;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import org.xerial.snappy.Snappy;

/** Snappy as protocol v4 frames it: the whole body is one raw Snappy block. Needs snappy-java's native library. */
final class SnappyBodyCompressor implements BodyCompressor {

  @Override
  public String algorithm() {
    return "snappy";
  }

  @Override
  public ByteBuf compress(ByteBuf body, ByteBufAllocator allocator) {
    try {
      byte[] output = Snappy.compress(ByteBufUtil.getBytes(body));
      return allocator.buffer(output.length).writeBytes(output);
    } catch (IOException e) {
      throw new IllegalStateException("Snappy could not compress a body: " + e.getMessage(), e);
    }
  }

  @Override
  public ByteBuf decompress(ByteBuf body, int maxLength, ByteBufAllocator allocator) {
    byte[] input = ByteBufUtil.getBytes(body);
    try {
      if (!Snappy.isValidCompressedBuffer(input)) {
        throw new IllegalArgumentException("not a valid Snappy body");
      }
      int length = Snappy.uncompressedLength(input);
      if (length < 0 || length > maxLength) {
        throw new IllegalArgumentException("a Snappy body announces " + length + " bytes uncompressed; the limit is "
            + maxLength);
      }
      byte[] output = Snappy.uncompress(input);
      return allocator.buffer(output.length).writeBytes(output);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid Snappy body: " + e.getMessage(), e);
    }
  }
}
