package io.tandem.validator.api.copy;

/**
 * Copies the history of one table from a source cluster to a target cluster, range by range, while dual writes
 * run. Built with {@link #builder()}.
 */
public interface TableCopier {

  /**
   * Copies the table and blocks until every range is copied, failed, or the copy is cancelled. With a checkpoint
   * directory, calling it again (on this or a new copier) resumes where the last run stopped.
   */
  CopyReport run();

  /**
   * Stops the running copy at the next row boundary, its workers' progress saved in the checkpoint; {@link #run()}
   * then returns a report saying so ({@link CopyReport#cancelled()}). Called while no copy runs, it cancels the next
   * {@link #run()} (which returns at once), so a cancel racing with the start is not lost. Thread-safe.
   */
  void cancel();

  static TableCopierBuilder builder() {
    return new TableCopierBuilder();
  }
}
