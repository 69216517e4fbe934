package io.tandem.cli.recording;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.validator.cli.ValidateCommand;
import io.tandem.validator.cli.ValidationObserver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code tandem validate}: the validator's {@code validate}, recording each table's outcome in a migration with
 * {@code --migration ID}, which the VALIDATED gate reads. A sample ({@code --sample}) is not recorded.
 */
@Command(name = "validate")
public final class MigrationValidateCommand extends ValidateCommand {

  @Mixin MigrationRecording recording;

  @Override
  protected ValidationObserver observer(CqlSession source) {
    return recording.open(source, "validation").<ValidationObserver>map(ValidationRecorder::new)
        .orElse(ValidationObserver.NONE);
  }
}
