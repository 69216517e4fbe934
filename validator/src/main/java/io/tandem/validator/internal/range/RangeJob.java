package io.tandem.validator.internal.range;

import io.tandem.validator.api.range.TokenRange;

/** The work done on one token range (copy it, diff it, count it), run by a {@link RangeRunner} worker thread. */
@FunctionalInterface
public interface RangeJob {

  /**
   * Processes {@code range}, reporting through {@code progress} each token up to which every row is done, so
   * that a failure resumes after it rather than from the start of the range.
   */
  void run(TokenRange range, RangeProgress progress) throws Exception;
}
