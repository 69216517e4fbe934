package io.tandem.proxy.internal.frame;

/**
 * A frame the proxy cannot accept: an unsupported protocol version, a body over the size limit, bytes that
 * do not decode as the message their opcode announces, or a protocol v5 segment whose checksum does not
 * match. Carries what is needed to answer with a protocol error on the right stream.
 */
public final class MalformedFrameException extends RuntimeException {

  /** What is wrong with the frame; the kind becomes a metric tag. */
  public enum Kind {
    UNSUPPORTED_VERSION,
    TOO_LARGE,
    UNDECODABLE,
    UNEXPECTED_OPCODE,
    /** A v5 segment whose header CRC24 or payload CRC32 does not match, or that frames do not fit in. */
    CORRUPT_SEGMENT
  }

  private final int version;
  private final int streamId;
  private final Kind kind;

  public MalformedFrameException(int version, int streamId, Kind kind, String message) {
    super(message, null, false, false);
    this.version = version;
    this.streamId = streamId;
    this.kind = kind;
  }

  public MalformedFrameException(int version, int streamId, Kind kind, String message, Throwable cause) {
    super(message, cause, false, false);
    this.version = version;
    this.streamId = streamId;
    this.kind = kind;
  }

  public int version() {
    return version;
  }

  public int streamId() {
    return streamId;
  }

  public Kind kind() {
    return kind;
  }
}
