package io.tandem.proxy.internal.client;

import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.proxy.internal.backend.ResponseCallback;
import io.tandem.proxy.internal.frame.RawFrame;
import java.time.Duration;

/**
 * Answers one client request with a cluster's answer to it: the callback a request forwarded as it came is sent
 * with, so no future, stage or lambda is made per request.
 */
class ClientAnswer implements ResponseCallback {

  private final ClientResponder responder;
  private final int streamId;

  ClientAnswer(ClientResponder responder, int streamId) {
    this.responder = responder;
    this.streamId = streamId;
  }

  @Override
  public void answered(RawFrame response) {
    responder.respond(streamId, response);
  }

  @Override
  public void failed(Throwable error) {
    responder.fail(streamId, error);
  }

  /** As {@link ClientAnswer}, for a read: first records its latency ({@code tandem.request.latency{kind=read}}). */
  static final class TimedRead extends ClientAnswer {
    private final MirrorEngine engine;
    private final Side side;
    private final long started = System.nanoTime();

    /** Sent now, to {@code side}. */
    TimedRead(ClientResponder responder, int streamId, MirrorEngine engine, Side side) {
      super(responder, streamId);
      this.engine = engine;
      this.side = side;
    }

    @Override
    public void answered(RawFrame response) {
      engine.recordRead(side, Duration.ofNanos(System.nanoTime() - started));
      super.answered(response);
    }

    @Override
    public void failed(Throwable error) {
      engine.recordRead(side, Duration.ofNanos(System.nanoTime() - started));
      super.failed(error);
    }
  }
}
