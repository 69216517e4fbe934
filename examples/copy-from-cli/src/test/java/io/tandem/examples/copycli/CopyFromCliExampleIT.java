package io.tandem.examples.copycli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command in its short mode, on embedded clusters, so that the example cannot rot: the copy killed
 * part-way must resume from its checkpoint, and the validation must find 0 mismatches.
 */
class CopyFromCliExampleIT {

  @TempDir Path runs;

  @Test
  void should_resume_a_killed_copy_from_its_checkpoint_and_find_no_difference() {
    int exitCode = CopyFromCliExample.commandLine().execute("--quick", "--run-dir", runs.toString());

    assertThat(exitCode).as("the example's exit code (its output above says which step failed)").isZero();
  }
}
