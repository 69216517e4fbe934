package io.tandem.core.internal.log;

import static io.tandem.core.internal.log.SampleFailedWrites.ids;
import static io.tandem.core.internal.log.SampleFailedWrites.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.replay.FsyncPolicy;
import io.tandem.core.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SegmentedFailedWriteLogFsyncTest {

  @TempDir Path directory;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock();
  private final ManualScheduler scheduler = new ManualScheduler();

  @ParameterizedTest
  @EnumSource(FsyncPolicy.class)
  void should_keep_writes_across_a_restart_with_each_policy(FsyncPolicy policy) {
    try (SegmentedFailedWriteLog log = builder().fsyncPolicy(policy).build()) {
      log.append(write("a"));
      log.append(write("b"));
    }

    try (SegmentedFailedWriteLog log = builder().fsyncPolicy(policy).build()) {
      assertThat(ids(log.readPending(10))).containsExactly("a", "b");
    }
  }

  @Test
  void should_force_every_append_with_always() {
    try (SegmentedFailedWriteLog log = builder().fsyncPolicy(FsyncPolicy.ALWAYS).build()) {
      log.append(write("a"));
      log.append(write("b"));
      log.append(write("c"));

      assertThat(forces()).isEqualTo(3);
    }
  }

  @Test
  void should_force_only_on_close_with_never() {
    SegmentedFailedWriteLog log = builder().fsyncPolicy(FsyncPolicy.NEVER).build();
    log.append(write("a"));
    log.append(write("b"));
    assertThat(forces()).isZero();

    log.close();

    assertThat(forces()).isEqualTo(1);
  }

  @Test
  void should_force_once_the_last_force_is_older_than_the_interval() {
    SegmentedFailedWriteLog log = builder().fsyncPolicy(FsyncPolicy.INTERVAL)
        .fsyncInterval(Duration.ofMillis(100)).build();
    log.append(write("a"));
    clock.advance(Duration.ofMillis(60));
    log.append(write("b"));
    assertThat(forces()).isZero();

    clock.advance(Duration.ofMillis(60));
    log.append(write("c"));
    log.append(write("d"));
    assertThat(forces()).isEqualTo(1);

    clock.advance(Duration.ofMillis(101));
    log.append(write("e"));
    assertThat(forces()).isEqualTo(2);

    log.close();
    assertThat(forces()).isEqualTo(3);
  }

  @Test
  void should_force_the_last_appends_of_a_burst_within_the_interval_when_no_append_follows() {
    try (SegmentedFailedWriteLog log = builder().fsyncPolicy(FsyncPolicy.INTERVAL)
        .fsyncInterval(Duration.ofMillis(100)).build()) {
      log.append(write("a"));
      clock.advance(Duration.ofMillis(30));
      log.append(write("b"));
      assertThat(forces()).isZero();
      assertThat(scheduler.delays()).containsExactly(100L);

      clock.advance(Duration.ofMillis(70));
      scheduler.runAll();

      assertThat(forces()).isEqualTo(1);
      assertThat(scheduler.delays()).isEmpty();
    }
  }

  @Test
  void should_schedule_the_force_for_when_the_interval_since_the_last_force_is_up() {
    try (SegmentedFailedWriteLog log = builder().fsyncPolicy(FsyncPolicy.INTERVAL)
        .fsyncInterval(Duration.ofMillis(100)).build()) {
      clock.advance(Duration.ofMillis(101));
      log.append(write("a")); // forced by the append
      clock.advance(Duration.ofMillis(40));

      log.append(write("b"));

      assertThat(forces()).isEqualTo(1);
      assertThat(scheduler.delays()).containsExactly(60L);
    }
  }

  @Test
  void should_not_force_again_when_an_append_forced_before_the_scheduled_force() {
    try (SegmentedFailedWriteLog log = builder().fsyncPolicy(FsyncPolicy.INTERVAL)
        .fsyncInterval(Duration.ofMillis(100)).build()) {
      log.append(write("a"));
      clock.advance(Duration.ofMillis(101));
      log.append(write("b"));
      assertThat(forces()).isEqualTo(1);

      scheduler.runAll();

      assertThat(forces()).isEqualTo(1);
      log.append(write("c"));
      assertThat(scheduler.delays()).containsExactly(100L);
    }
  }

  @Test
  void should_cancel_the_scheduled_force_on_close_and_leave_a_given_scheduler_running() {
    SegmentedFailedWriteLog log = builder().fsyncPolicy(FsyncPolicy.INTERVAL).build();
    log.append(write("a"));
    assertThat(scheduler.delays()).hasSize(1);

    log.close();

    assertThat(forces()).isEqualTo(1);
    assertThat(scheduler.delays()).isEmpty();
    verify(scheduler.service(), never()).shutdown();
    verify(scheduler.service(), never()).shutdownNow();
  }

  @Test
  void should_force_on_the_append_when_the_scheduler_is_shut_down() {
    try (SegmentedFailedWriteLog log = builder().fsyncPolicy(FsyncPolicy.INTERVAL).build()) {
      scheduler.shutDown();

      log.append(write("a"));

      assertThat(forces()).isEqualTo(1);
    }
  }

  @Test
  void should_force_a_lone_append_on_a_thread_of_its_own_by_default() throws InterruptedException {
    try (SegmentedFailedWriteLog log = SegmentedFailedWriteLog.builder(directory).meterRegistry(registry)
        .fsyncInterval(Duration.ofMillis(200)).build()) {
      log.append(write("a"));

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (forces() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5); // waits for the force; asserts nothing about its timing
      }
      assertThat(forces()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(value = FsyncPolicy.class, names = {"ALWAYS", "NEVER"})
  void should_schedule_no_force_with_the_other_policies(FsyncPolicy policy) {
    try (SegmentedFailedWriteLog log = builder().fsyncPolicy(policy).build()) {
      log.append(write("a"));

      assertThat(scheduler.delays()).isEmpty();
    }
  }

  @Test
  void should_default_to_interval_every_100_milliseconds() {
    assertThat(SegmentedFailedWriteLogBuilder.DEFAULT_FSYNC_INTERVAL).isEqualTo(Duration.ofMillis(100));
    try (SegmentedFailedWriteLog log = builder().build()) {
      log.append(write("a"));
      clock.advance(Duration.ofMillis(101));
      log.append(write("b"));

      assertThat(forces()).isEqualTo(1);
    }
  }

  @Test
  void should_reject_invalid_builder_arguments() {
    SegmentedFailedWriteLogBuilder builder = SegmentedFailedWriteLog.builder(directory);

    assertThatThrownBy(() -> builder.fsyncInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fsyncInterval must be positive, got PT0S");
    assertThatThrownBy(() -> builder.fsyncInterval(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.maxSegmentBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxSegmentBytes must be positive, got 0");
    assertThatThrownBy(() -> builder.fsyncPolicy(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fsyncPolicy must not be null");
    assertThatThrownBy(() -> builder.meterRegistry(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.clock(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.scheduler(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SegmentedFailedWriteLog.builder(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("directory must not be null");
  }

  private SegmentedFailedWriteLogBuilder builder() {
    return SegmentedFailedWriteLog.builder(directory).meterRegistry(registry).clock(clock)
        .scheduler(scheduler.service());
  }

  private long forces() {
    return registry.get(FailedWriteLogMetrics.FSYNC).timer().count();
  }
}
