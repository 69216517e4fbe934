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
    if (!plain(query)) {
      return null;
    }
    ByteBuf frame = query.buffer();
    int body = frame.readerIndex() + RawFrame.HEADER_LENGTH;
    int bodyLength = frame.writerIndex() - body;
    if (bodyLength < Integer.BYTES) {
      return null;
    }
    int length = frame.getInt(body);
    if (length < 0 || length > bodyLength - Integer.BYTES) {
      return null;
    }
    return frame.toString(body + Integer.BYTES, length, StandardCharsets.UTF_8);
  }

  /** An EXECUTE's prepared id, or {@code null} when the frame must be decoded in full (or is malformed). */
  public static byte[] preparedId(RawFrame execute) {
    if (!plain(execute)) {
      return null;
    }
    ByteBuf frame = execute.buffer();
    int body = frame.readerIndex() + RawFrame.HEADER_LENGTH;
    int bodyLength = frame.writerIndex() - body;
    if (bodyLength < Short.BYTES) {
      return null;
    }
    int length = frame.getUnsignedShort(body);
    if (length == 0 || length > bodyLength - Short.BYTES) {
      return null;
    }
    byte[] id = new byte[length];
    frame.getBytes(body + Short.BYTES, id);
    return id;
  }

  /** Whether the body starts right after the header (read in place: no slice per request). */
  private static boolean plain(RawFrame frame) {
    return (frame.flags() & FLAGS_BEFORE_BODY) == 0;
  }
}
