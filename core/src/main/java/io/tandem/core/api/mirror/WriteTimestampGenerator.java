package io.tandem.core.api.mirror;

/**
 * Gives each write the one timestamp that both clusters store, so that {@code WRITETIME} is identical on
 * both sides and last-write-wins resolves the same way everywhere. Thread-safe.
 */
public interface WriteTimestampGenerator {

  /** A timestamp in microseconds since the epoch, strictly greater than every one returned before. */
  long next();
}
