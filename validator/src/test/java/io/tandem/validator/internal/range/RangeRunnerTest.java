package io.tandem.validator.internal.range;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.validator.api.range.RangeListener;
import io.tandem.validator.api.range.TokenRange;
import io.tandem.validator.internal.scan.ScanException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class RangeRunnerTest {

  private final RangeRunner runner = new RangeRunner(2, "test", Duration.ofMillis(1));
  private final List<TokenRange> started = new CopyOnWriteArrayList<>();
  private final List<List<TokenRange>> splits = new CopyOnWriteArrayList<>();
  private final List<TokenRange> failed = new CopyOnWriteArrayList<>();
  private final RangeListener listener = new RangeListener() {
    @Override
    public void split(TokenRange range, List<TokenRange> pieces) {
      splits.add(pieces);
    }

    @Override
    public void failed(TokenRange range, TokenRange remaining, Throwable error) {
      failed.add(remaining);
    }
  };

  @Test
  void should_split_what_remains_of_a_timed_out_range_and_retry_the_pieces() {
    TokenRange big = TokenRange.of(0, 1000);

    RangeRunner.RangeRunResult result = runner.run(List.of(big), (range, progress) -> {
      started.add(range);
      if (range.equals(big)) {
        progress.completedThrough(BigInteger.valueOf(200)); // done up to 200, then the next page times out
        throw new ScanException("No page within 12000 ms", new TimeoutException(), true);
      }
      progress.completedThrough(range.end());
    }, listener);

    List<TokenRange> pieces = TokenRange.of(200, 1000).split(2);
    assertThat(result.isComplete()).isTrue();
    assertThat(splits).containsExactly(pieces);
    assertThat(started).hasSize(3).startsWith(big).containsAll(pieces);
  }

  @Test
  void should_retry_another_error_from_the_last_completed_token_then_report_the_range() {
    TokenRange range = TokenRange.of(0, 1000);

    RangeRunner.RangeRunResult result = runner.run(List.of(range), (current, progress) -> {
      started.add(current);
      progress.completedThrough(current.start().add(BigInteger.TEN));
      throw new IllegalStateException("node down");
    }, listener);

    assertThat(started).containsExactly(TokenRange.of(0, 1000), TokenRange.of(10, 1000), TokenRange.of(20, 1000));
    assertThat(result.isComplete()).isFalse();
    assertThat(result.failures()).singleElement().satisfies(failure -> {
      assertThat(failure.range()).isEqualTo(TokenRange.of(30, 1000));
      assertThat(failure.error()).hasMessage("node down");
    });
    assertThat(failed).containsExactly(TokenRange.of(30, 1000));
  }

  @Test
  void should_count_a_range_done_when_it_failed_after_its_last_token() {
    TokenRange range = TokenRange.of(0, 1000);

    RangeRunner.RangeRunResult result = runner.run(List.of(range), (current, progress) -> {
      progress.completedThrough(current.end());
      throw new IllegalStateException("failed while closing");
    }, listener);

    assertThat(result.isComplete()).isTrue();
    assertThat(failed).isEmpty();
  }
}
