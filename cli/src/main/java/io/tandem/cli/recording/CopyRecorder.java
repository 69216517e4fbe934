package io.tandem.cli.recording;

import io.tandem.validator.api.copy.CopyReport;
import io.tandem.validator.api.range.RangeListener;
import io.tandem.validator.cli.CopyObserver;

/** Records the copy of each table, one after the other, as {@code CopyProgress} in the migration. */
final class CopyRecorder implements CopyObserver {

  private final Recorder recorder;
  private volatile TableCopyProgress current;

  CopyRecorder(Recorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public RangeListener starting(String table, int splits) {
    current = new TableCopyProgress(table, splits, recorder.clock(), recorder::record);
    return current;
  }

  @Override
  public void copied(CopyReport report) {
    TableCopyProgress table = current;
    if (table != null) {
      table.finished(report);
    }
  }

  @Override
  public void close() {
    recorder.close();
  }
}
