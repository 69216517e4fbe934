package io.tandem.proxy.internal.client;

import io.tandem.proxy.internal.frame.RawFrame;

/**
 * The primary cluster answered a forwarded write with an ERROR frame. Failing the primary's stage with it
 * keeps the engine from mirroring a write the primary refused; the frame itself still goes to the client.
 */
final class ErrorResponseException extends RuntimeException {

  private final transient RawFrame response;

  ErrorResponseException(RawFrame response) {
    super("the primary cluster answered with an error", null, false, false);
    this.response = response;
  }

  /** The ERROR frame; whoever catches this exception owns it. */
  RawFrame response() {
    return response;
  }
}
