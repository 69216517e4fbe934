package io.tandem.proxy.internal.backend;

import io.tandem.proxy.internal.frame.RawFrame;

/**
 * What a request sent with {@link BackendConnection#send(RawFrame, ResponseCallback)} is answered with, called on
 * the connection's event loop: one object per request on the hot path, where a future, its stage and its lambda
 * would be three. Exactly one of the two methods is called, once.
 */
public interface ResponseCallback {

  /** The cluster's answer, which the callback now owns (it must release it or pass it on). */
  void answered(RawFrame response);

  /** No answer: the connection closed, the request timed out, or it could not be sent. */
  void failed(Throwable error);
}
