package io.tandem.validator.api.range;

import java.math.BigInteger;
import java.util.List;

/** Forwards every event to several listeners, in order. */
final class CompositeRangeListener implements RangeListener {

  private final List<RangeListener> listeners;

  CompositeRangeListener(List<RangeListener> listeners) {
    this.listeners = listeners;
  }

  @Override
  public void started(List<TokenRange> ranges, BigInteger totalTokens) {
    listeners.forEach(listener -> listener.started(ranges, totalTokens));
  }

  @Override
  public void progressed(BigInteger tokens, long rows) {
    listeners.forEach(listener -> listener.progressed(tokens, rows));
  }

  @Override
  public void completedThrough(TokenRange range, BigInteger token, TokenRange remaining) {
    listeners.forEach(listener -> listener.completedThrough(range, token, remaining));
  }

  @Override
  public void split(TokenRange range, List<TokenRange> pieces) {
    listeners.forEach(listener -> listener.split(range, pieces));
  }

  @Override
  public void completed(TokenRange range) {
    listeners.forEach(listener -> listener.completed(range));
  }

  @Override
  public void failed(TokenRange range, TokenRange remaining, Throwable error) {
    listeners.forEach(listener -> listener.failed(range, remaining, error));
  }

  @Override
  public void finished() {
    listeners.forEach(RangeListener::finished);
  }
}
