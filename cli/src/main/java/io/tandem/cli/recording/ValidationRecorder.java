package io.tandem.cli.recording;

import io.tandem.core.api.control.ValidationSummary;
import io.tandem.validator.api.validate.TableValidation;
import io.tandem.validator.api.validate.ValidationReport;
import io.tandem.validator.cli.ValidationObserver;

/**
 * Records a {@link ValidationSummary} per table validated to the end; a table the validation was cancelled in
 * proves nothing and is not recorded.
 */
final class ValidationRecorder implements ValidationObserver {

  private final Recorder recorder;

  ValidationRecorder(Recorder recorder) {
    this.recorder = recorder;
  }

  @Override
  public void validated(ValidationReport report) {
    for (TableValidation table : report.tables()) {
      if (!table.cancelled()) {
        recorder.record(summary(table));
      }
    }
  }

  static ValidationSummary summary(TableValidation table) {
    return new ValidationSummary(table.table(), table.scanStart(), table.scanStart().plus(table.duration()),
        table.realMismatches(), table.failedRanges().size());
  }

  @Override
  public void close() {
    recorder.close();
  }
}
