package io.tandem.validator.api.validate;

import java.util.Set;

/**
 * One column of a row as both clusters hold it. Values are CQL literals, {@code null} when the cell is absent.
 * Writetimes are in microseconds (for multi-cell collections and UDTs the newest cell), TTLs in seconds (for
 * multi-cell columns the longest remaining); {@code null} when absent.
 *
 * @param differences what differs: the value, the writetime, the TTL (empty for cells of a missing row)
 */
public record CellDifference(
    String column, String sourceValue, String targetValue, Long sourceWritetime, Long targetWritetime,
    Integer sourceTtl, Integer targetTtl, Set<Difference> differences) {

  /** The aspect of a cell that differs. */
  public enum Difference {
    VALUE, WRITETIME, TTL,
    /**
     * The writetimes differ, by no more than the validator's writetime tolerance (as an applied LWT leaves them:
     * each cluster stamps it with its own Paxos time). Reported, never counted as equal.
     */
    WRITETIME_WITHIN_TOLERANCE
  }

  public CellDifference {
    differences = Set.copyOf(differences);
  }

  /** The newest writetime on either side, or null when neither side has one. */
  public Long newestWritetime() {
    if (sourceWritetime == null) {
      return targetWritetime;
    }
    return targetWritetime == null ? sourceWritetime : Math.max(sourceWritetime, targetWritetime);
  }
}
