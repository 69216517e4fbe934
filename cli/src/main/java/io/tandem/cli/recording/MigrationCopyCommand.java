package io.tandem.cli.recording;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.validator.cli.CopyCommand;
import io.tandem.validator.cli.CopyObserver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tandem copy}: the validator's {@code copy}, recording each table's progress in a migration with {@code
 * --migration ID} (at most once a second per table, and at the end), which the HISTORY_COPIED gate reads.
 */
@Command(name = "copy")
public final class MigrationCopyCommand extends CopyCommand {

  @Mixin MigrationRecording recording;

  @Override
  protected CopyObserver observer(CqlSession source) {
    return recording.open(source, "copy").<CopyObserver>map(CopyRecorder::new).orElse(CopyObserver.NONE);
  }
}
