package io.tandem.validator.cli;

import io.tandem.validator.api.copy.CopyReport;
import io.tandem.validator.api.range.RangeListener;

/**
 * Follows {@code copy} table by table, for front ends that record the copy elsewhere (the {@code tandem} command
 * records it in a migration's control store). {@link #NONE} by default: the validator itself records nothing.
 */
public interface CopyObserver extends AutoCloseable {

  /** Observes nothing. */
  CopyObserver NONE = new CopyObserver() {};

  /**
   * The copy of {@code table} ({@code keyspace.table}) starts, over a ring cut into {@code splits} ranges; the
   * listener returned follows its ranges (from worker threads).
   */
  default RangeListener starting(String table, int splits) {
    return new RangeListener() {};
  }

  /** The copy of one table ended (complete, incomplete or cancelled). */
  default void copied(CopyReport report) {}

  @Override
  default void close() {}
}
