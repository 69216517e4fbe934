package io.tandem.validator.internal.range;

import java.math.BigInteger;

/** What a {@link RangeJob} reports while it works through its range. */
public interface RangeProgress {

  /** Every row with a token up to and including {@code token} is done. */
  void completedThrough(BigInteger token);

  /** {@code count} more rows were processed. */
  void rows(long count);

  /** True once the run was cancelled: the job should stop at the next row boundary. */
  boolean isCancelled();
}
