package io.tandem.validator.api.range;

import java.math.BigInteger;
import java.util.List;

/**
 * Follows a {@link RangeRunner}: progress bars, checkpoints and reports listen here. Called from worker
 * threads, so implementations must be thread-safe. Every method does nothing by default.
 */
public interface RangeListener {

  /** The run starts over {@code ranges}, {@code totalTokens} tokens in all. */
  default void started(List<TokenRange> ranges, BigInteger totalTokens) {}

  /** {@code tokens} more of the ring and {@code rows} more rows are done. */
  default void progressed(BigInteger tokens, long rows) {}

  /** In {@code range}, everything up to {@code token} is done; what remains of it is {@code remaining}. */
  default void completedThrough(TokenRange range, BigInteger token, TokenRange remaining) {}

  /** What remained of {@code range} timed out and will be retried as {@code pieces}. */
  default void split(TokenRange range, List<TokenRange> pieces) {}

  /** {@code range} is finished. */
  default void completed(TokenRange range) {}

  /** {@code remaining} (what was left of {@code range}) gave up after retries. */
  default void failed(TokenRange range, TokenRange remaining, Throwable error) {}

  /** The run is over (finished, failed or cancelled). */
  default void finished() {}

  /** One listener that forwards to all of {@code listeners}. */
  static RangeListener all(List<RangeListener> listeners) {
    return new CompositeRangeListener(List.copyOf(listeners));
  }
}
