package io.tandem.core.internal.mirror;

import io.tandem.core.api.replay.FailedWrite;
import io.tandem.core.api.replay.FailedWriteLog;
import io.tandem.core.api.replay.LoggedWrite;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps appended writes in a list: enough for the mirror, which only appends. */
final class InMemoryFailedWriteLog implements FailedWriteLog {

  final List<FailedWrite> entries = new CopyOnWriteArrayList<>();

  @Override
  public void append(FailedWrite write) {
    entries.add(write);
  }

  @Override
  public List<LoggedWrite> readPending(int max) {
    return List.of();
  }

  @Override
  public void acknowledge(LoggedWrite upTo) {}

  @Override
  public long pendingCount() {
    return entries.size();
  }

  @Override
  public void close() {}
}
