package io.tandem.validator.internal.copy;

import io.tandem.validator.api.copy.TimestampStrategy;
import io.tandem.validator.api.range.TokenRange;
import java.util.List;

/**
 * The content of a copy checkpoint file: which table, with which strategy and backdate timestamp, whether it is
 * complete, and the token ranges (as {@code "(start,end]"}) that remain to be copied.
 */
public record CheckpointState(
    String table, TimestampStrategy strategy, long backdateTimestamp, Status status, List<String> remaining) {

  /** Whether the copy still has ranges to do. */
  public enum Status {
    IN_PROGRESS, COMPLETE
  }

  public CheckpointState {
    remaining = List.copyOf(remaining);
  }

  public List<TokenRange> remainingRanges() {
    return remaining.stream().map(TokenRange::parse).toList();
  }
}
