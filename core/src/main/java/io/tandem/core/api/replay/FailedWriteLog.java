package io.tandem.core.api.replay;

import java.util.List;

/**
 * A local, append-only, durable log of writes that finally failed on one cluster. It survives process
 * restarts; replay reads it oldest first and {@link #acknowledge acknowledges} what it applied. A corrupt
 * or truncated entry (a crash mid-write) is reported and skipped with the rest of its segment; it never
 * makes a read or an append throw into the host application.
 */
public interface FailedWriteLog extends AutoCloseable {

  /**
   * Appends a write, durable according to the {@link FsyncPolicy}.
   *
   * @throws FailedWriteLogException if it cannot be written (disk full, directory gone)
   */
  void append(FailedWrite write);

  /**
   * Up to {@code max} entries not yet acknowledged, oldest first. Entries appended while replay runs may be
   * returned by a later call.
   */
  List<LoggedWrite> readPending(int max);

  /** Removes {@code upTo} and every entry before it; the removal survives a restart. */
  void acknowledge(LoggedWrite upTo);

  /** Entries appended and not yet acknowledged (including those of earlier runs found on open). */
  long pendingCount();

  @Override
  void close();
}
