package io.tandem.proxy.internal.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tandem.proxy.internal.frame.RawFrame;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendConnectionTest {

  private static final InetSocketAddress NODE = new InetSocketAddress("127.0.0.1", 9042);
  private static final int OPTIONS = 0x05;
  private static final int SUPPORTED = 0x06;
  private static final int QUERY = 0x07;
  private static final int RESULT = 0x08;

  private final AtomicInteger heartbeats = new AtomicInteger();
  private EmbeddedChannel channel;

  @AfterEach
  void close() {
    if (channel != null) {
      channel.finishAndReleaseAll();
    }
  }

  @Test
  void should_complete_each_request_with_the_answer_on_its_stream_id() {
    BackendConnection connection = open(Duration.ofSeconds(10), Duration.ZERO);

    CompletableFuture<RawFrame> first = connection.send(frame(false, 7, QUERY));
    CompletableFuture<RawFrame> second = connection.send(frame(false, 8, QUERY));
    int firstId = sentStreamId();
    int secondId = sentStreamId();
    channel.writeInbound(frame(true, secondId, RESULT));

    assertThat(first).isNotDone();
    assertThat(second).isCompleted();
    assertThat(second.join().streamId()).isEqualTo(secondId);
    second.join().release();
    channel.writeInbound(frame(true, firstId, RESULT));
    assertThat(first.join().streamId()).isEqualTo(firstId);
    first.join().release();
  }

  @Test
  void should_fail_a_request_not_answered_in_time_and_keep_its_stream_id_until_the_late_answer() throws Exception {
    BackendConnection connection = open(Duration.ofMillis(40), Duration.ZERO, 2);

    CompletableFuture<RawFrame> late = connection.send(frame(false, 1, QUERY));
    int lateId = sentStreamId();
    Thread.sleep(60);
    channel.runScheduledPendingTasks();

    assertThat(late.handle((frame, error) -> error).join()).isInstanceOfSatisfying(BackendTimeoutException.class,
        timeout -> assertThat(timeout.mayHaveBeenApplied()).as("the cluster may still apply it").isTrue());
    connection.send(frame(false, 2, QUERY));
    sentStreamId();
    assertThat(connection.send(frame(false, 3, QUERY)).handle((frame, error) -> error).join())
        .as("both ids taken: the late one is not reused before its answer")
        .isInstanceOf(BackendBusyException.class);

    channel.writeInbound(frame(true, lateId, RESULT)); // dropped, and its id is free again
    CompletableFuture<RawFrame> next = connection.send(frame(false, 4, QUERY));
    assertThat(sentStreamId()).isEqualTo(lateId);
    assertThat(next).isNotDone();
  }

  @Test
  void should_send_a_heartbeat_only_once_the_connection_has_been_idle_for_the_interval() throws Exception {
    BackendConnection connection = open(Duration.ofSeconds(10), Duration.ofMillis(50));

    channel.runScheduledPendingTasks();
    assertThat(heartbeats).hasValue(0);
    Thread.sleep(70);
    channel.runScheduledPendingTasks();

    assertThat(heartbeats).hasValue(1);
    ByteBuf heartbeat = channel.readOutbound();
    int streamId = RawFrame.wrap(heartbeat).streamId();
    assertThat((int) heartbeat.getUnsignedByte(4)).isEqualTo(OPTIONS);
    heartbeat.release();
    channel.writeInbound(frame(true, streamId, SUPPORTED));
    assertThat(connection.isOpen()).isTrue();
  }

  @Test
  void should_fail_every_pending_request_when_the_connection_closes() {
    BackendConnection connection = open(Duration.ofSeconds(10), Duration.ZERO);
    CompletableFuture<RawFrame> pending = connection.send(frame(false, 1, QUERY));

    channel.close();

    assertThat(pending.handle((frame, error) -> error).join()).isInstanceOfSatisfying(
        BackendConnectionLostException.class, lost -> assertThat(lost.mayHaveBeenApplied()).isTrue());
    assertThat(connection.closeFuture()).isCompleted();
    assertThat(connection.send(frame(false, 2, QUERY)).handle((frame, error) -> error).join())
        .as("never sent").isInstanceOfSatisfying(BackendConnectionLostException.class,
            lost -> assertThat(lost.mayHaveBeenApplied()).isFalse());
  }

  private BackendConnection open(Duration requestTimeout, Duration heartbeatInterval) {
    return open(requestTimeout, heartbeatInterval, 16);
  }

  private BackendConnection open(Duration requestTimeout, Duration heartbeatInterval, int streamIds) {
    BackendConnection connection = new BackendConnection(NODE, requestTimeout, streamIds, heartbeatInterval, () -> {
      heartbeats.incrementAndGet();
      return frame(false, 0, OPTIONS);
    });
    channel = new EmbeddedChannel(connection);
    return connection;
  }

  private int sentStreamId() {
    ByteBuf sent = channel.readOutbound();
    int streamId = RawFrame.wrap(sent).streamId();
    sent.release();
    return streamId;
  }

  private static RawFrame frame(boolean response, int streamId, int opcode) {
    ByteBuf buffer = Unpooled.buffer(RawFrame.HEADER_LENGTH);
    buffer.writeByte(response ? 0x84 : 0x04).writeByte(0).writeShort(streamId).writeByte(opcode).writeInt(0);
    return RawFrame.wrap(buffer);
  }
}
