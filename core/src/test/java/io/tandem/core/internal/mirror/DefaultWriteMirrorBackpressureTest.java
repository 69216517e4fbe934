package io.tandem.core.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.api.mirror.BackpressurePolicy;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorOutcome;
import io.tandem.core.internal.classify.DefaultStatementClassifier;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** A target that never answers must not let mirrored writes pile up in memory. */
class DefaultWriteMirrorBackpressureTest {

  private final SessionWriteExecutor stalledTarget = mock(SessionWriteExecutor.class);
  private final InMemoryFailedWriteLog log = new InMemoryFailedWriteLog();

  @Test
  void should_hold_at_most_max_in_flight_and_log_the_rest_after_waiting() {
    when(stalledTarget.execute(any())).thenAnswer(call -> new CompletableFuture<>());
    DefaultWriteMirror mirror = mirror(BackpressurePolicy.WAIT);

    List<CompletionStage<MirrorOutcome>> outcomes = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      outcomes.add(mirror.mirror(command(k), mirror.traits(command(k)), Side.TARGET));
    }

    assertThat(mirror.inFlightCount()).isEqualTo(4);
    assertThat(log.entries).hasSize(6).allMatch(write -> write.cause().startsWith("backpressure"));
    assertThat(outcomes.subList(4, 10))
        .allMatch(stage -> stage.toCompletableFuture().join() == MirrorOutcome.LOGGED_FOR_REPLAY);
    assertThat(outcomes.subList(0, 4)).noneMatch(stage -> stage.toCompletableFuture().isDone());
  }

  @Test
  void should_log_a_failed_copy_with_its_timestamp_and_free_its_slot() {
    when(stalledTarget.execute(any()))
        .thenAnswer(call -> CompletableFuture.failedFuture(new IllegalStateException("target down")));
    DefaultWriteMirror mirror = mirror(BackpressurePolicy.LOG_FOR_REPLAY);

    MirrorOutcome outcome =
        mirror.mirror(command(1), mirror.traits(command(1)), Side.TARGET).toCompletableFuture().join();

    assertThat(outcome).isEqualTo(MirrorOutcome.LOGGED_FOR_REPLAY);
    assertThat(mirror.inFlightCount()).isZero();
    assertThat(log.entries).singleElement().satisfies(write -> {
      assertThat(write.side()).isEqualTo(Side.TARGET);
      assertThat(write.command().timestamp()).isEqualTo(1_000_001L);
      assertThat(write.replayable()).isTrue();
      assertThat(write.cause()).contains("target down");
    });
  }

  @Test
  void should_mark_a_counter_update_as_not_replayable() {
    when(stalledTarget.execute(any()))
        .thenAnswer(call -> CompletableFuture.failedFuture(new IllegalStateException("target down")));
    DefaultWriteMirror mirror = mirror(BackpressurePolicy.LOG_FOR_REPLAY);
    WriteCommand counter =
        WriteCommand.builder(BoundQuery.of("UPDATE ks.hits SET n = n + 1 WHERE k = 1")).withTimestamp(5).build();

    mirror.mirror(counter, mirror.traits(counter), Side.TARGET).toCompletableFuture().join();

    assertThat(log.entries).singleElement().satisfies(write -> assertThat(write.replayable()).isFalse());
  }

  private DefaultWriteMirror mirror(BackpressurePolicy policy) {
    MirrorConfig config =
        MirrorConfig.builder().maxInFlight(4).backpressurePolicy(policy)
            .backpressureMaxWait(Duration.ofMillis(20)).retryMaxAttempts(1).build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SideResilience resilience =
        new SideResilience(config, Clock.systemUTC(), Executors.newSingleThreadScheduledExecutor(), registry);
    return new DefaultWriteMirror(config, (side, login) -> CompletableFuture.completedFuture(stalledTarget), resilience, log,
        new DefaultStatementClassifier(), new MirrorMetrics(registry), Clock.systemUTC());
  }

  private static WriteCommand command(int key) {
    return WriteCommand.builder(BoundQuery.of("INSERT INTO ks.t (k) VALUES (" + key + ")"))
        .withTimestamp(1_000_000L + key)
        .build();
  }
}
