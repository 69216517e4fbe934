package io.tandem.validator.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.validator.api.copy.TableCopier;
import io.tandem.validator.api.copy.TimestampStrategy;
import io.tandem.validator.api.range.TokenRange;
import io.tandem.validator.internal.copy.CheckpointState;
import io.tandem.validator.internal.copy.CopyCheckpoint;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyCheckpointTest {

  @TempDir Path directory;

  @Test
  void should_keep_the_remaining_ranges_across_progress_splits_and_completions() {
    Path file = CopyCheckpoint.fileFor(directory, "ks.t");
    CopyCheckpoint checkpoint = new CopyCheckpoint(file, "ks.t", TimestampStrategy.BACKDATE, 123L,
        List.of(TokenRange.of(0, 100), TokenRange.of(100, 200), TokenRange.of(200, 300)));
    checkpoint.started(List.of(), BigInteger.ONE);

    checkpoint.completedThrough(TokenRange.of(0, 100), BigInteger.valueOf(40), TokenRange.of(40, 100));
    checkpoint.split(TokenRange.of(100, 200), List.of(TokenRange.of(100, 150), TokenRange.of(150, 200)));
    checkpoint.completed(TokenRange.of(150, 200));
    checkpoint.completed(TokenRange.of(200, 300));
    checkpoint.finished();

    CheckpointState state = CopyCheckpoint.read(file).orElseThrow();
    assertThat(state.table()).isEqualTo("ks.t");
    assertThat(state.strategy()).isEqualTo(TimestampStrategy.BACKDATE);
    assertThat(state.backdateTimestamp()).isEqualTo(123L);
    assertThat(state.status()).isEqualTo(CheckpointState.Status.IN_PROGRESS);
    assertThat(state.remainingRanges()).containsExactly(TokenRange.of(40, 100), TokenRange.of(100, 150));

    checkpoint.completed(TokenRange.of(0, 100));
    checkpoint.completed(TokenRange.of(100, 150));
    checkpoint.finished();
    assertThat(CopyCheckpoint.read(file).orElseThrow().status()).isEqualTo(CheckpointState.Status.COMPLETE);
  }

  @Test
  void should_name_the_missing_setting() {
    assertThatThrownBy(() -> TableCopier.builder().build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("withSource");
    assertThatThrownBy(() -> TableCopier.builder().withSplits(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("splits");
  }
}
