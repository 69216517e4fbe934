package io.tandem.proxy.internal.compression;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * One compression algorithm of the native protocol v4 (frame bodies compressed one by one), as a client
 * negotiates it in its STARTUP ({@code COMPRESSION = lz4 | snappy}).
 */
public interface BodyCompressor {

  /** The name clients use in STARTUP, e.g. {@code lz4}. */
  String algorithm();

  /** The compressed form of {@code body}, in a new buffer; {@code body} is left as it is. */
  ByteBuf compress(ByteBuf body, ByteBufAllocator allocator);

  /**
   * The uncompressed form of {@code body}, in a new buffer; {@code body} is left as it is.
   *
   * @throws IllegalArgumentException when the body is not valid for this algorithm or would uncompress to
   *     more than {@code maxLength} bytes
   */
  ByteBuf decompress(ByteBuf body, int maxLength, ByteBufAllocator allocator);
}
