package io.tandem.proxy.internal.frame;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Reads the query text at the start of a QUERY frame's body without decoding the rest of the frame. */
public final class QueryText {

  /** Header flags that put something before the message body: compression and a custom payload. */
  private static final int FLAGS_BEFORE_BODY = 0x01 | 0x04;
  private static final int LENGTH_BYTES = 4;

  private QueryText() {}

  /** The text, or {@code null} when the frame must be decoded in full to read it (or is malformed). */
  public static String peek(RawFrame query) {
    if ((query.flags() & FLAGS_BEFORE_BODY) != 0) {
      return null;
    }
    ByteBuf body = query.body();
    if (body.readableBytes() < LENGTH_BYTES) {
      return null;
    }
    int length = body.getInt(body.readerIndex());
    if (length < 0 || length > body.readableBytes() - LENGTH_BYTES) {
      return null;
    }
    return body.toString(body.readerIndex() + LENGTH_BYTES, length, StandardCharsets.UTF_8);
  }
}
