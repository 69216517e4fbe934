package io.tandem.validator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The shutdown hook's logic, called directly: no signal is sent. */
class GracefulStopTest {

  private final StringWriter err = new StringWriter();
  private final GracefulStop stop = new GracefulStop("stopped and saved", "did not stop in time",
      Duration.ofSeconds(5), new PrintWriter(err));

  @Test
  void should_cancel_the_running_job_wait_for_the_command_to_finish_and_print_one_line() throws Exception {
    CountDownLatch cancelled = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean summaryPrinted = new AtomicBoolean();
    CompletableFuture<Optional<String>> command = CompletableFuture.supplyAsync(() -> {
      try (stop) {
        Optional<String> report = stop.run(cancelled::countDown, () -> {
          started.countDown();
          await(cancelled);
          sleep(200); // the workers stop, the checkpoint is written
          return "cancelled report";
        });
        summaryPrinted.set(true);
        return report;
      }
    });
    await(started);

    stop.stop();

    assertThat(cancelled.getCount()).isZero();
    assertThat(summaryPrinted).as("the hook returns once the command finished").isTrue();
    assertThat(command.get(5, TimeUnit.SECONDS)).contains("cancelled report");
    assertThat(err.toString()).isEqualTo("stopped and saved" + System.lineSeparator());
  }

  @Test
  void should_start_no_job_once_stopping() {
    AtomicBoolean ran = new AtomicBoolean();

    stop.stop();
    Optional<String> result = stop.run(() -> {}, () -> {
      ran.set(true);
      return "report";
    });

    assertThat(result).isEmpty();
    assertThat(ran).isFalse();
    assertThat(err.toString()).isEqualTo("stopped and saved" + System.lineSeparator());
  }

  @Test
  void should_say_so_when_the_command_does_not_finish_in_time() {
    GracefulStop impatient = new GracefulStop("stopped and saved", "did not stop in time", Duration.ofMillis(200),
        new PrintWriter(err));
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch released = new CountDownLatch(1);
    CompletableFuture<Optional<String>> command = CompletableFuture.supplyAsync(() -> impatient.run(() -> {}, () -> {
      started.countDown();
      await(released); // ignores the cancel
      return "late report";
    }));
    await(started);

    long startNanos = System.nanoTime();
    impatient.stop();

    assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isBetween(Duration.ofMillis(150),
        Duration.ofSeconds(3));
    assertThat(err.toString()).isEqualTo("did not stop in time" + System.lineSeparator());
    released.countDown();
    assertThat(command.join()).contains("late report");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
