package io.tandem.core.internal.log;

import static io.tandem.core.internal.log.SampleFailedWrites.ids;
import static io.tandem.core.internal.log.SampleFailedWrites.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.replay.FailedWriteLogException;
import io.tandem.core.api.replay.LoggedWrite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedFailedWriteLogTest {

  @TempDir Path directory;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void should_read_appended_writes_oldest_first() {
    try (SegmentedFailedWriteLog log = open()) {
      appendAll(log, "a", "b", "c");

      List<LoggedWrite> pending = log.readPending(10);

      assertThat(ids(pending)).containsExactly("a", "b", "c");
      assertThat(pending).extracting(LoggedWrite::offset).isSorted().doesNotHaveDuplicates();
      assertThat(pending.get(0).write()).isEqualTo(write("a"));
      assertThat(log.pendingCount()).isEqualTo(3);
      assertThat(registry.get(FailedWriteLogMetrics.APPENDED).counter().count()).isEqualTo(3);
      assertThat(registry.get(FailedWriteLogMetrics.PENDING).gauge().value()).isEqualTo(3);
    }
  }

  @Test
  void should_read_at_most_max_entries() {
    try (SegmentedFailedWriteLog log = open()) {
      appendAll(log, "a", "b", "c");

      assertThat(ids(log.readPending(2))).containsExactly("a", "b");
      assertThat(ids(log.readPending(2))).containsExactly("a", "b");
    }
  }

  @Test
  void should_remove_acknowledged_writes_and_those_before() {
    try (SegmentedFailedWriteLog log = open()) {
      appendAll(log, "a", "b", "c", "d");

      log.acknowledge(log.readPending(2).get(1));

      assertThat(ids(log.readPending(10))).containsExactly("c", "d");
      assertThat(log.pendingCount()).isEqualTo(2);
      assertThat(registry.get(FailedWriteLogMetrics.PENDING).gauge().value()).isEqualTo(2);
    }
  }

  @Test
  void should_ignore_an_acknowledgement_of_writes_already_acknowledged() {
    try (SegmentedFailedWriteLog log = open()) {
      appendAll(log, "a", "b", "c");
      List<LoggedWrite> pending = log.readPending(10);
      log.acknowledge(pending.get(1));

      log.acknowledge(pending.get(0));

      assertThat(ids(log.readPending(10))).containsExactly("c");
      assertThat(log.pendingCount()).isEqualTo(1);
    }
  }

  @Test
  void should_return_writes_appended_after_a_read_in_a_later_read() {
    try (SegmentedFailedWriteLog log = open()) {
      appendAll(log, "a");
      log.acknowledge(log.readPending(10).get(0));

      appendAll(log, "b");

      assertThat(ids(log.readPending(10))).containsExactly("b");
    }
  }

  @Test
  void should_keep_pending_writes_across_a_restart() {
    try (SegmentedFailedWriteLog log = open()) {
      appendAll(log, "a", "b", "c", "d", "e");
      log.acknowledge(log.readPending(2).get(1));
    }

    try (SegmentedFailedWriteLog log = open()) {
      assertThat(log.pendingCount()).isEqualTo(3);
      assertThat(registry.get(FailedWriteLogMetrics.PENDING).gauge().value()).isEqualTo(3);
      assertThat(ids(log.readPending(10))).containsExactly("c", "d", "e");
      appendAll(log, "f");
      List<LoggedWrite> pending = log.readPending(10);
      assertThat(ids(pending)).containsExactly("c", "d", "e", "f");
      assertThat(pending.get(3).segment()).isGreaterThan(pending.get(2).segment());
      log.acknowledge(pending.get(3));
    }

    try (SegmentedFailedWriteLog log = open()) {
      assertThat(log.pendingCount()).isZero();
      assertThat(log.readPending(10)).isEmpty();
    }
  }

  @Test
  void should_never_append_to_a_segment_of_an_earlier_run() throws IOException {
    try (SegmentedFailedWriteLog log = open()) {
      appendAll(log, "a");
    }
    Path earlier = segmentFiles().get(0);
    long earlierSize = Files.size(earlier);

    try (SegmentedFailedWriteLog log = open()) {
      appendAll(log, "b");
    }

    assertThat(Files.size(earlier)).isEqualTo(earlierSize);
    assertThat(segmentFiles()).hasSize(2);
  }

  @Test
  void should_not_pile_up_empty_segments_across_restarts() throws IOException {
    for (int run = 0; run < 3; run++) {
      open().close();
    }

    assertThat(segmentFiles()).hasSize(1);
  }

  @Test
  void should_name_segments_with_a_zero_padded_number() throws IOException {
    open().close();

    assertThat(segmentFiles()).extracting(file -> file.getFileName().toString())
        .containsExactly("failed-writes-00000000000000000001.log");
  }

  @Test
  void should_roll_segments_and_delete_those_replayed() throws IOException {
    try (SegmentedFailedWriteLog log = open(builder().maxSegmentBytes(400))) {
      for (int i = 0; i < 10; i++) {
        appendAll(log, "w" + i);
      }
      List<LoggedWrite> pending = log.readPending(100);
      assertThat(pending).hasSize(10);
      assertThat(pending).extracting(LoggedWrite::segment).isSorted();
      long segmentCount = pending.stream().mapToLong(LoggedWrite::segment).distinct().count();
      assertThat(segmentCount).isGreaterThan(3);
      assertThat(segmentFiles()).hasSize((int) segmentCount);
      assertThat(segmentFiles()).allSatisfy(file -> assertThat(Files.size(file)).isLessThanOrEqualTo(400));

      log.acknowledge(pending.get(4));

      assertThat(segmentFiles()).hasSize((int) (pending.get(9).segment() - pending.get(4).segment() + 1));
      assertThat(ids(log.readPending(100))).containsExactly("w5", "w6", "w7", "w8", "w9");
      assertThat(log.pendingCount()).isEqualTo(5);

      log.acknowledge(pending.get(9));

      assertThat(segmentFiles()).containsExactly(segmentFile(pending.get(9).segment()));
      assertThat(log.readPending(100)).isEmpty();
      assertThat(log.pendingCount()).isZero();
      appendAll(log, "after");
      assertThat(ids(log.readPending(100))).containsExactly("after");
    }
  }

  @Test
  void should_give_an_entry_larger_than_the_segment_size_a_segment_of_its_own() {
    try (SegmentedFailedWriteLog log = open(builder().maxSegmentBytes(10))) {
      appendAll(log, "a", "b", "c");

      List<LoggedWrite> pending = log.readPending(10);

      assertThat(ids(pending)).containsExactly("a", "b", "c");
      assertThat(pending).extracting(LoggedWrite::segment).doesNotHaveDuplicates();
    }
  }

  @Test
  void should_store_the_checkpoint_atomically() {
    try (SegmentedFailedWriteLog log = open()) {
      appendAll(log, "a");
      log.acknowledge(log.readPending(1).get(0));
    }

    assertThat(directory.resolve(Checkpoint.FILE_NAME)).exists();
    assertThat(directory.resolve(Checkpoint.FILE_NAME + ".tmp")).doesNotExist();
  }

  @Test
  void should_reject_an_acknowledgement_beyond_the_end_of_the_log() {
    try (SegmentedFailedWriteLog log = open()) {
      appendAll(log, "a");
      LoggedWrite last = log.readPending(1).get(0);
      LoggedWrite pastTheEnd = new LoggedWrite(last.write(), last.segment(), last.offset() + 1);

      assertThatThrownBy(() -> log.acknowledge(pastTheEnd))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not reach it");
      assertThatThrownBy(() -> log.acknowledge(new LoggedWrite(last.write(), last.segment() + 1, 1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(log.pendingCount()).isEqualTo(1);
    }
  }

  @Test
  void should_reject_a_read_of_no_entries() {
    try (SegmentedFailedWriteLog log = open()) {
      assertThatThrownBy(() -> log.readPending(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("max must be positive");
    }
  }

  @Test
  void should_close_once_and_refuse_use_after_close() {
    SegmentedFailedWriteLog log = open();
    log.close();
    log.close();

    assertThatThrownBy(() -> log.append(write("a")))
        .isInstanceOf(FailedWriteLogException.class)
        .hasMessageContaining("closed")
        .hasMessageContaining(directory.toString());
    assertThatThrownBy(() -> log.readPending(1)).isInstanceOf(IllegalStateException.class);
  }

  private SegmentedFailedWriteLogBuilder builder() {
    return SegmentedFailedWriteLog.builder(directory).meterRegistry(registry);
  }

  private SegmentedFailedWriteLog open() {
    return open(builder());
  }

  private static SegmentedFailedWriteLog open(SegmentedFailedWriteLogBuilder builder) {
    return builder.build();
  }

  private static void appendAll(SegmentedFailedWriteLog log, String... ids) {
    for (String id : ids) {
      log.append(write(id));
    }
  }

  private Path segmentFile(long number) {
    return directory.resolve(String.format("failed-writes-%020d.log", number));
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().matches("failed-writes-\\d{20}\\.log"))
          .sorted().toList();
    }
  }
}
