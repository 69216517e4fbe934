package io.tandem.proxy.internal.client;

import io.tandem.proxy.internal.frame.RawFrame;

/** Where the answers to one client's requests go, with the client's own stream id put back. */
interface ClientResponder {

  /** Sends a response frame (taking over its reference) as the answer to the client's stream. */
  void respond(int streamId, RawFrame response);

  /** Answers the client's stream with the error frame that describes the failure. */
  void fail(int streamId, Throwable failure);
}
