package io.tandem.core.internal.replay;

import static io.tandem.core.internal.replay.FailedWrites.ids;
import static io.tandem.core.internal.replay.FailedWrites.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.replay.FsyncPolicy;
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
    assertThatThrownBy(() -> SegmentedFailedWriteLog.builder(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("directory must not be null");
  }

  private SegmentedFailedWriteLogBuilder builder() {
    return SegmentedFailedWriteLog.builder(directory).meterRegistry(registry).clock(clock);
  }

  private long forces() {
    return registry.get(FailedWriteLogMetrics.FSYNC).timer().count();
  }
}
