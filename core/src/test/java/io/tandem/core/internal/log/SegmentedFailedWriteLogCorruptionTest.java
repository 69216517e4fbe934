package io.tandem.core.internal.log;

import static io.tandem.core.internal.log.SampleFailedWrites.ids;
import static io.tandem.core.internal.log.SampleFailedWrites.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.replay.FailedWriteLogException;
import io.tandem.core.api.replay.LoggedWrite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedFailedWriteLogCorruptionTest {

  @TempDir Path directory;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void should_read_the_entries_before_a_truncated_tail() throws IOException {
    List<LoggedWrite> written = writeAndClose("a", "b", "c");
    Path segment = segmentFile(written.get(2).segment());
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() - 5);
    }

    try (SegmentedFailedWriteLog log = open()) {
      assertThat(ids(log.readPending(10))).containsExactly("a", "b");
      assertThat(ids(log.readPending(10))).containsExactly("a", "b");
      assertThat(log.pendingCount()).isEqualTo(2);
      assertThat(corruptCount()).isEqualTo(1);
    }
  }

  @Test
  void should_skip_the_rest_of_a_segment_after_a_flipped_byte() throws IOException {
    List<LoggedWrite> written = writeAndClose("a", "b", "c");
    // a byte in the middle of the second entry's payload
    flipByte(segmentFile(written.get(1).segment()), (written.get(0).offset() + written.get(1).offset()) / 2);

    try (SegmentedFailedWriteLog log = open()) {
      log.append(write("d"));

      assertThat(ids(log.readPending(10))).containsExactly("a", "d");
      assertThat(ids(log.readPending(10))).containsExactly("a", "d");
      assertThat(log.pendingCount()).isEqualTo(2);
      assertThat(corruptCount()).isEqualTo(1);
      List<LoggedWrite> pending = log.readPending(10);
      log.acknowledge(pending.get(1));
      assertThat(log.pendingCount()).isZero();
      assertThat(segmentFile(written.get(0).segment())).doesNotExist();
    }
  }

  @Test
  void should_skip_an_entry_with_an_impossible_length() throws IOException {
    List<LoggedWrite> written = writeAndClose("a");
    Path segment = segmentFile(written.get(0).segment());
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.APPEND)) {
      channel.write(ByteBuffer.allocate(12).putInt(-7).putInt(0).putInt(0).flip());
    }

    try (SegmentedFailedWriteLog log = open()) {
      assertThat(ids(log.readPending(10))).containsExactly("a");
      assertThat(corruptCount()).isEqualTo(1);
    }
  }

  @Test
  void should_drop_a_segment_corrupt_from_its_first_entry() throws IOException {
    List<LoggedWrite> written = writeAndClose("a");
    flipByte(segmentFile(written.get(0).segment()), written.get(0).offset() - 1);

    try (SegmentedFailedWriteLog log = open()) {
      assertThat(log.readPending(10)).isEmpty();
      assertThat(log.pendingCount()).isZero();
      assertThat(corruptCount()).isEqualTo(1);
      assertThat(segmentFile(written.get(0).segment())).doesNotExist();
    }
  }

  @Test
  void should_replay_everything_when_the_checkpoint_is_damaged() throws IOException {
    try (SegmentedFailedWriteLog log = open()) {
      log.append(write("a"));
      log.append(write("b"));
      log.acknowledge(log.readPending(1).get(0));
    }
    Files.write(directory.resolve(Checkpoint.FILE_NAME), new byte[] {1, 2, 3});

    try (SegmentedFailedWriteLog log = open()) {
      assertThat(ids(log.readPending(10))).containsExactly("a", "b");
    }
  }

  @Test
  void should_report_an_append_that_cannot_be_written() throws IOException {
    try (SegmentedFailedWriteLog log =
        SegmentedFailedWriteLog.builder(directory).meterRegistry(registry).maxSegmentBytes(10).build()) {
      log.append(write("a"));
      // the next append needs a new segment, and that file name is taken
      Path nextSegment = Files.createFile(segmentFile(2));

      assertThatThrownBy(() -> log.append(write("b")))
          .isInstanceOf(FailedWriteLogException.class)
          .hasMessageContaining(segmentFile(1).toString())
          .hasMessageContaining(nextSegment.toString())
          .hasMessageContaining("tandem.mirror.failed-write-log.directory");
      assertThat(registry.get(FailedWriteLogMetrics.ERRORS).counter().count()).isEqualTo(1);
      assertThat(registry.get(FailedWriteLogMetrics.APPENDED).counter().count()).isEqualTo(1);
      assertThat(log.pendingCount()).isEqualTo(1);
      assertThat(ids(log.readPending(10))).containsExactly("a");
    }
  }

  @Test
  void should_explain_a_directory_whose_parent_is_a_file() throws IOException {
    Path file = Files.writeString(directory.resolve("file"), "x");
    Path logDirectory = file.resolve("log");

    assertThatThrownBy(() -> SegmentedFailedWriteLog.builder(logDirectory).build())
        .isInstanceOf(FailedWriteLogException.class)
        .hasMessageContaining(logDirectory.toString())
        .hasMessageContaining("cannot be created")
        .hasMessageContaining("make it writable or set tandem.mirror.failed-write-log.directory to another folder");
  }

  @Test
  void should_name_a_setting_that_exists() {
    assertThat(ConfigFactory.defaultReference().hasPath(SegmentDirectory.DIRECTORY_SETTING)).isTrue();
  }

  @Test
  void should_explain_a_directory_that_is_a_file() throws IOException {
    Path file = Files.writeString(directory.resolve("file"), "x");

    assertThatThrownBy(() -> SegmentedFailedWriteLog.builder(file).build())
        .isInstanceOf(FailedWriteLogException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a directory")
        .hasMessageContaining("tandem.mirror.failed-write-log.directory");
  }

  @Test
  void should_explain_a_read_only_directory() throws IOException {
    Path readOnly = Files.createDirectory(directory.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      assumeThat(Files.isWritable(readOnly)).as("a read-only folder is writable to root").isFalse();

      assertThatThrownBy(() -> SegmentedFailedWriteLog.builder(readOnly).build())
          .isInstanceOf(FailedWriteLogException.class)
          .hasMessageContaining(readOnly.toString())
          .hasMessageContaining("not writable")
          .hasMessageContaining("tandem.mirror.failed-write-log.directory");
    } finally {
      Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private List<LoggedWrite> writeAndClose(String... ids) {
    try (SegmentedFailedWriteLog log = open()) {
      for (String id : ids) {
        log.append(write(id));
      }
      return log.readPending(ids.length);
    }
  }

  private SegmentedFailedWriteLog open() {
    return SegmentedFailedWriteLog.builder(directory).meterRegistry(registry).build();
  }

  private double corruptCount() {
    return registry.get(FailedWriteLogMetrics.CORRUPT).counter().count();
  }

  private Path segmentFile(long number) {
    return directory.resolve(String.format("failed-writes-%020d.log", number));
  }

  private static void flipByte(Path file, long offset) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer oneByte = ByteBuffer.allocate(1);
      channel.read(oneByte, offset);
      oneByte.put(0, (byte) ~oneByte.get(0));
      channel.write(oneByte.rewind(), offset);
    }
  }
}
