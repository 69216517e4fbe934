package io.tandem.core.internal.log;

import static io.tandem.core.internal.log.SampleFailedWrites.write;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.replay.FailedWrite;
import io.tandem.core.api.replay.LoggedWrite;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class IntentLogTest {

  private static final Clock CLOCK = Clock.fixed(SampleFailedWrites.LOGGED_AT, ZoneOffset.UTC);

  @TempDir Path directory;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final List<AutoCloseable> opened = new ArrayList<>();
  private SegmentedFailedWriteLog failedWrites;

  @BeforeEach
  void captureLogs() {
    logged.start();
    ((Logger) LoggerFactory.getLogger(IntentLog.class)).addAppender(logged);
    failedWrites = SegmentedFailedWriteLog.builder(directory).build();
    opened.add(failedWrites);
  }

  @AfterEach
  void close() throws Exception {
    ((Logger) LoggerFactory.getLogger(IntentLog.class)).detachAppender(logged);
    for (AutoCloseable closeable : opened) {
      closeable.close();
    }
  }

  @Test
  void should_move_the_intents_a_killed_process_left_pending_to_the_failed_write_log() {
    IntentLog killed = open(true, IntentLog.DEFAULT_SEGMENT_BYTES);
    record(killed, "a").done();
    record(killed, "b");
    record(killed, "c");

    IntentLog restarted = open(true, IntentLog.DEFAULT_SEGMENT_BYTES);

    assertThat(commandsOwed()).containsExactly(command("b"), command("c"));
    assertThat(failedWrites.readPending(10)).extracting(LoggedWrite::write)
        .extracting(FailedWrite::cause, FailedWrite::side, FailedWrite::replayable)
        .containsOnly(org.assertj.core.groups.Tuple.tuple(IntentLog.CAUSE, Side.TARGET, true));
    assertThat(registry.get(IntentLogMetrics.RECOVERED).counter().count()).isEqualTo(2);
    assertThat(restarted.pendingCount()).isZero();
    assertThat(segmentFiles()).isEmpty();
  }

  @Test
  void should_count_pending_intents_until_done() {
    IntentLog log = open(true, IntentLog.DEFAULT_SEGMENT_BYTES);
    Intent a = record(log, "a");
    record(log, "b");

    a.done();
    a.done();

    assertThat(log.pendingCount()).isEqualTo(1);
    assertThat(registry.get(IntentLogMetrics.PENDING).gauge().value()).isEqualTo(1);
  }

  @Test
  void should_leave_no_file_once_every_intent_is_done_and_the_log_closed() {
    IntentLog log = open(true, IntentLog.DEFAULT_SEGMENT_BYTES);
    Intent a = record(log, "a");
    log.close();
    assertThat(segmentFiles()).hasSize(1);

    a.done();

    assertThat(segmentFiles()).isEmpty();
  }

  @Test
  void should_delete_full_segments_once_settled_and_keep_those_with_intents_pending() {
    IntentLog log = open(true, 1024);
    Intent first = record(log, "stuck");
    List<Intent> others = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      others.add(record(log, "k" + i));
    }
    assertThat(segmentFiles().size()).isGreaterThan(3);

    others.forEach(Intent::done);

    assertThat(segmentFiles()).hasSize(2); // the first, with an intent pending, and the active one
    first.done();
    assertThat(segmentFiles()).hasSize(1);
    assertThat(log.pendingCount()).isZero();
  }

  @Test
  void should_skip_a_damaged_entry_with_an_error_naming_the_file_and_the_bytes_lost() throws IOException {
    IntentLog killed = open(true, IntentLog.DEFAULT_SEGMENT_BYTES);
    record(killed, "a");
    record(killed, "b");
    record(killed, "c");
    Path segment = segmentFiles().get(0);
    int entrySize = IntentFrame.size(payloadLength());
    overwrite(segment, entrySize + IntentFrame.HEADER_BYTES + 5, new byte[] {1, 2, 3});

    open(true, IntentLog.DEFAULT_SEGMENT_BYTES);

    assertThat(commandsOwed()).containsExactly(command("a"), command("c"));
    assertThat(registry.get(IntentLogMetrics.CORRUPT).counter().count()).isEqualTo(1);
    assertThat(errors()).singleElement().asString()
        .contains(segment.toString(), entrySize + " bytes from offset " + entrySize, "are lost");
  }

  @Test
  void should_skip_a_damaged_header_and_read_the_entries_after_it() throws IOException {
    IntentLog killed = open(true, IntentLog.DEFAULT_SEGMENT_BYTES);
    record(killed, "a");
    record(killed, "b");
    Path segment = segmentFiles().get(0);
    overwrite(segment, 0, new byte[] {9, 9, 9, 9, 9, 9, 9, 9});

    open(true, IntentLog.DEFAULT_SEGMENT_BYTES);

    assertThat(commandsOwed()).containsExactly(command("b"));
    assertThat(errors()).singleElement().asString().contains(segment.toString());
  }

  @Test
  void should_take_an_entry_cut_short_by_a_kill_for_the_end_without_an_error() throws IOException {
    IntentLog killed = open(true, IntentLog.DEFAULT_SEGMENT_BYTES);
    record(killed, "a");
    record(killed, "b");
    // the state word is written last: a kill before it leaves the rest of the entry without one
    overwrite(segmentFiles().get(0), IntentFrame.size(payloadLength()), new byte[4]);

    open(true, IntentLog.DEFAULT_SEGMENT_BYTES);

    assertThat(commandsOwed()).containsExactly(command("a"));
    assertThat(errors()).isEmpty();
    assertThat(registry.get(IntentLogMetrics.CORRUPT).counter().count()).isZero();
  }

  @Test
  void should_record_nothing_when_off_but_still_recover_what_an_earlier_run_left() {
    IntentLog killed = open(true, IntentLog.DEFAULT_SEGMENT_BYTES);
    record(killed, "a");

    IntentLog off = open(false, IntentLog.DEFAULT_SEGMENT_BYTES);

    assertThat(record(off, "b")).isSameAs(Intent.NONE);
    assertThat(commandsOwed()).containsExactly(command("a"));
    assertThat(segmentFiles()).isEmpty();
  }

  private IntentLog open(boolean enabled, int segmentBytes) {
    IntentLog log = IntentLog.open(directory, failedWrites, enabled, segmentBytes, registry, CLOCK);
    opened.add(0, log);
    return log;
  }

  private static Intent record(IntentLog log, String key) {
    return log.record(Side.TARGET, command(key), true);
  }

  private static WriteCommand command(String key) {
    return write(key).command();
  }

  private static int payloadLength() {
    return FailedWriteSerializer.serialize(
        new FailedWrite(Side.TARGET, command("a"), true, IntentLog.CAUSE, CLOCK.instant())).length;
  }

  private List<WriteCommand> commandsOwed() {
    return failedWrites.readPending(100).stream().map(entry -> entry.write().command()).toList();
  }

  private List<String> errors() {
    return logged.list.stream().filter(event -> event.getLevel() == Level.ERROR)
        .map(ILoggingEvent::getFormattedMessage).toList();
  }

  private List<Path> segmentFiles() {
    try (Stream<Path> files = Files.list(directory.resolve(IntentLog.DIRECTORY_NAME))) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void overwrite(Path file, long offset, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(bytes), offset);
    }
  }
}
