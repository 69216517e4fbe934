package io.tandem.proxy.internal.client;

import io.tandem.proxy.internal.frame.RawFrame;

/**
 * The client's frame as it arrived: forwarded as it is when nothing in it has to change (most reads), so the
 * proxy re-encodes only what it rewrites. Released after routing unless a path took it.
 */
final class OriginalFrame {

  private RawFrame frame;

  OriginalFrame(RawFrame frame) {
    this.frame = frame;
  }

  RawFrame take() {
    RawFrame taken = frame;
    frame = null;
    return taken;
  }

  void releaseUnlessTaken() {
    if (frame != null) {
      frame.release();
    }
  }
}
