package io.tandem.cli.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.api.control.CopyProgress;
import io.tandem.core.testing.MutableClock;
import io.tandem.validator.api.copy.CopyReport;
import io.tandem.validator.api.copy.TimestampStrategy;
import io.tandem.validator.api.range.TokenRange;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TableCopyProgressTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final List<CopyProgress> written = new CopyOnWriteArrayList<>();

  @Test
  void should_write_at_most_once_a_second_and_once_at_the_end() {
    TableCopyProgress progress = new TableCopyProgress("shop.orders", 4, clock, written::add);
    progress.started(ranges(4), BigInteger.valueOf(400));
    progress.progressed(BigInteger.valueOf(100), 10);
    progress.progressed(BigInteger.valueOf(100), 10);
    clock.advance(Duration.ofMillis(1000));
    progress.progressed(BigInteger.valueOf(150), 10);

    assertThat(written).extracting(CopyProgress::rangesDone).containsExactly(0L, 3L);
    progress.finished(report(true));

    assertThat(written).hasSize(3);
    assertThat(written.get(2)).isEqualTo(new CopyProgress("shop.orders", 4, 4, clock.instant()));
    assertThat(written.get(2).finished()).isTrue();
  }

  @Test
  void should_not_call_a_table_finished_while_a_range_is_missing() {
    TableCopyProgress progress = new TableCopyProgress("shop.orders", 4, clock, written::add);
    progress.started(ranges(4), BigInteger.valueOf(400));
    progress.progressed(BigInteger.valueOf(399), 10);
    progress.finished(report(false));

    assertThat(written.get(written.size() - 1).rangesDone()).isEqualTo(3);
    assertThat(written.get(written.size() - 1).finished()).isFalse();
  }

  @Test
  void should_count_the_ranges_an_earlier_run_finished_when_resumed() {
    TableCopyProgress progress = new TableCopyProgress("shop.orders", 256, clock, written::add);
    progress.started(ranges(6), BigInteger.valueOf(600));

    assertThat(written).containsExactly(new CopyProgress("shop.orders", 250, 256, clock.instant()));
  }

  @Test
  void should_record_a_copy_found_complete_by_its_checkpoint() {
    TableCopyProgress progress = new TableCopyProgress("shop.orders", 256, clock, written::add);
    progress.finished(report(true));

    assertThat(written).containsExactly(new CopyProgress("shop.orders", 256, 256, clock.instant()));
  }

  private static List<TokenRange> ranges(int count) {
    return Collections.nCopies(count, null);
  }

  private static CopyReport report(boolean complete) {
    return new CopyReport("shop.orders", TimestampStrategy.PRESERVE, OptionalLong.empty(), 0, 0, 0, List.of(),
        false, complete, false, false, Duration.ZERO, List.of());
  }
}
