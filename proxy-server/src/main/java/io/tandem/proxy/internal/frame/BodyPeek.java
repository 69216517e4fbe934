package io.tandem.proxy.internal.frame;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads what starts a request's body without decoding the rest of the frame: the text of a QUERY, the
 * prepared id of an EXECUTE. Enough to route most reads, which are then forwarded as they came.
 */
public final class BodyPeek {

  /** Header flags that put something before the message body: compression and a custom payload. */
  private static final int FLAGS_BEFORE_BODY = 0x01 | 0x04;

  private BodyPeek() {}

  /** A QUERY's text, or {@code null} when the frame must be decoded in full to read it (or is malformed). */
  public static String queryText(RawFrame query) {
    ByteBuf body = plainBody(query);
    if (body == null || body.readableBytes() < Integer.BYTES) {
      return null;
    }
    int length = body.getInt(body.readerIndex());
    if (length < 0 || length > body.readableBytes() - Integer.BYTES) {
      return null;
    }
    return body.toString(body.readerIndex() + Integer.BYTES, length, StandardCharsets.UTF_8);
  }

  /** An EXECUTE's prepared id, or {@code null} when the frame must be decoded in full (or is malformed). */
  public static byte[] preparedId(RawFrame execute) {
    ByteBuf body = plainBody(execute);
    if (body == null || body.readableBytes() < Short.BYTES) {
      return null;
    }
    int length = body.getUnsignedShort(body.readerIndex());
    if (length == 0 || length > body.readableBytes() - Short.BYTES) {
      return null;
    }
    byte[] id = new byte[length];
    body.getBytes(body.readerIndex() + Short.BYTES, id);
    return id;
  }

  private static ByteBuf plainBody(RawFrame frame) {
    return (frame.flags() & FLAGS_BEFORE_BODY) != 0 ? null : frame.body();
  }
}
