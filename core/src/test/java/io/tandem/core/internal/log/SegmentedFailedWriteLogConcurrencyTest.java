package io.tandem.core.internal.log;

import static io.tandem.core.internal.log.SampleFailedWrites.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.core.api.replay.LoggedWrite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SegmentedFailedWriteLogConcurrencyTest {

  private static final int THREADS = 8;
  private static final int WRITES_PER_THREAD = 500;

  @TempDir Path directory;

  @Test
  @Timeout(60)
  void should_read_back_every_concurrent_append_exactly_once() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(THREADS);
    try (SegmentedFailedWriteLog log = SegmentedFailedWriteLog.builder(directory).maxSegmentBytes(16 * 1024)
        .fsyncInterval(Duration.ofMillis(5)).build()) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> appenders = new ArrayList<>();
      for (int thread = 0; thread < THREADS; thread++) {
        int threadNumber = thread;
        appenders.add(executor.submit(() -> {
          start.await();
          for (int i = 0; i < WRITES_PER_THREAD; i++) {
            log.append(write(threadNumber + ":" + i));
          }
          return null;
        }));
      }

      start.countDown();
      List<String> replayed = replayWhileAppending(log, appenders);

      assertThat(replayed).hasSize(THREADS * WRITES_PER_THREAD).doesNotHaveDuplicates();
      assertEachThreadInOrder(replayed);
      assertThat(log.pendingCount()).isZero();
      assertThat(log.readPending(10)).isEmpty();
    } finally {
      executor.shutdownNow();
      assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Reads and acknowledges, as the replay thread does, until every appender is done and nothing is left. */
  private static List<String> replayWhileAppending(SegmentedFailedWriteLog log, List<Future<?>> appenders)
      throws Exception {
    List<String> replayed = new ArrayList<>();
    while (true) {
      boolean appendersDone = appenders.stream().allMatch(Future::isDone);
      List<LoggedWrite> batch = log.readPending(97);
      if (batch.isEmpty() && appendersDone) {
        break;
      }
      batch.forEach(entry -> replayed.add(SampleFailedWrites.id(entry)));
      if (!batch.isEmpty()) {
        log.acknowledge(batch.get(batch.size() - 1));
      }
    }
    for (Future<?> appender : appenders) {
      appender.get(); // surfaces an append failure
    }
    return replayed;
  }

  private static void assertEachThreadInOrder(List<String> replayed) {
    Map<String, Integer> lastSequence = new HashMap<>();
    for (String id : replayed) {
      String[] threadAndSequence = id.split(":");
      int sequence = Integer.parseInt(threadAndSequence[1]);
      Integer previous = lastSequence.put(threadAndSequence[0], sequence);
      assertThat(sequence).isEqualTo(previous == null ? 0 : previous + 1);
    }
  }
}
