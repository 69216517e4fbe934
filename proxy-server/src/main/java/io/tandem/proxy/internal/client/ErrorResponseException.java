package io.tandem.proxy.internal.client;

import com.datastax.oss.protocol.internal.ProtocolConstants.ErrorCode;
import io.tandem.core.api.mirror.UncertainWriteOutcome;
import io.tandem.proxy.internal.frame.RawFrame;

/**
 * The primary cluster answered a forwarded write with an ERROR frame. Failing the primary's stage with it
 * keeps the engine from mirroring a write the primary refused; the frame itself still goes to the client. A write
 * timeout or failure is no refusal (replicas may have the write): the engine mirrors it all the same.
 */
final class ErrorResponseException extends RuntimeException implements UncertainWriteOutcome {

  private final transient RawFrame response;
  private final int code;

  /** @param code the ERROR frame's error code */
  ErrorResponseException(RawFrame response, int code) {
    super("the primary cluster answered with error 0x" + Integer.toHexString(code), null, false, false);
    this.response = response;
    this.code = code;
  }

  /** The ERROR frame; whoever catches this exception owns it. */
  RawFrame response() {
    return response;
  }

  @Override
  public boolean mayHaveBeenApplied() {
    return code == ErrorCode.WRITE_TIMEOUT || code == ErrorCode.WRITE_FAILURE;
  }
}
