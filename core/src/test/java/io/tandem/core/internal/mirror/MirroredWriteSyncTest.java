package io.tandem.core.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.servererrors.DefaultWriteType;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.Side;
import io.tandem.core.api.control.MigrationState;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.mirror.MirroredWriteException;
import io.tandem.core.api.mirror.TargetFailurePolicy;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.internal.DefaultMigrationControl;
import io.tandem.core.internal.classify.DefaultStatementClassifier;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A SYNC caller waits for a slow secondary up to the deadline, never longer; the copy goes on meanwhile. A copy
 * that fails is logged only if the primary applied the write or may have.
 */
class MirroredWriteSyncTest {

  private final SessionWriteExecutor target = mock(SessionWriteExecutor.class);
  private final List<CompletableFuture<Void>> copies = new CopyOnWriteArrayList<>();
  private final InMemoryFailedWriteLog log = new InMemoryFailedWriteLog();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ManualScheduler timers = new ManualScheduler();
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
  private DefaultWriteMirror mirror;

  MirroredWriteSyncTest() {
    when(target.execute(any())).thenAnswer(call -> {
      CompletableFuture<Void> copy = new CompletableFuture<>();
      copies.add(copy);
      return copy;
    });
  }

  @AfterEach
  void stopRetries() {
    retries.shutdownNow();
  }

  @Test
  void should_answer_with_the_primary_at_the_deadline_and_keep_the_copy_in_flight() {
    MirroredWrite write = mirroredWrite(TargetFailurePolicy.LOG_FOR_REPLAY);

    CompletableFuture<String> answer = write.write(command(), (side, command) -> done("primary")).toCompletableFuture();
    assertThat(answer).isNotDone();
    timers.fireAll();

    assertThat(answer).isCompletedWithValue("primary");
    assertThat(mirror.inFlightCount()).isEqualTo(1);
    assertThat(registry.get("tandem.mirror.deadline_expired").tag("side", "target").counter().count()).isEqualTo(1);
    assertThat(timers.delays).containsExactly(Duration.ofMillis(250));
  }

  @Test
  void should_log_for_replay_a_copy_that_fails_after_its_deadline_and_free_its_slot() {
    MirroredWrite write = mirroredWrite(TargetFailurePolicy.LOG_FOR_REPLAY);

    write.write(command(), (side, command) -> done("primary"));
    timers.fireAll();
    copies.get(0).completeExceptionally(new IllegalStateException("target frozen"));

    assertThat(log.entries).singleElement().satisfies(entry -> {
      assertThat(entry.side()).isEqualTo(Side.TARGET);
      assertThat(entry.cause()).contains("target frozen");
    });
    assertThat(mirror.inFlightCount()).isZero();
  }

  @Test
  void should_not_count_an_expiry_when_the_copy_comes_in_time() {
    MirroredWrite write = mirroredWrite(TargetFailurePolicy.LOG_FOR_REPLAY);

    CompletableFuture<String> answer = write.write(command(), (side, command) -> done("primary")).toCompletableFuture();
    copies.get(0).complete(null);
    timers.fireAll();

    assertThat(answer).isCompletedWithValue("primary");
    assertThat(registry.get("tandem.mirror.deadline_expired").tag("side", "target").counter().count()).isZero();
    assertThat(log.entries).isEmpty();
  }

  @Test
  void should_fail_the_caller_at_the_deadline_under_fail_caller() {
    MirroredWrite write = mirroredWrite(TargetFailurePolicy.FAIL_CALLER);

    CompletableFuture<String> answer = write.write(command(), (side, command) -> done("primary")).toCompletableFuture();
    timers.fireAll();

    assertThat(answer).isCompletedExceptionally();
    assertThat(answer.handle((value, error) -> error.getCause()).join())
        .isInstanceOf(MirroredWriteException.class)
        .hasCauseInstanceOf(TimeoutException.class)
        .hasMessageContaining("secondary deadline of 250 ms");
    assertThat(mirror.inFlightCount()).isEqualTo(1);
  }

  @Test
  void should_still_wait_for_a_primary_slower_than_the_deadline() {
    MirroredWrite write = mirroredWrite(TargetFailurePolicy.LOG_FOR_REPLAY);
    CompletableFuture<String> primary = new CompletableFuture<>();

    CompletableFuture<String> answer = write.write(command(), (side, command) -> primary).toCompletableFuture();
    timers.fireAll();
    assertThat(answer).isNotDone();
    primary.complete("primary");

    assertThat(answer).isCompletedWithValue("primary");
  }

  @Test
  void should_not_log_a_copy_of_a_write_both_clusters_refused() {
    MirroredWrite write = mirroredWrite(TargetFailurePolicy.LOG_FOR_REPLAY);
    InvalidQueryException refused = new InvalidQueryException(null, "Expected 4 or 0 byte int (8)");

    CompletableFuture<String> answer = write.write(command(), (side, command) -> failed(refused)).toCompletableFuture();
    copies.get(0).completeExceptionally(new InvalidQueryException(null, "Expected 4 or 0 byte int (8)"));

    assertThat(answer).isCompletedExceptionally();
    assertThatThrownBy(answer::join).hasCause(refused);
    assertThat(log.entries).as("failed-write log").isEmpty();
    assertThat(registry.get("tandem.mirror.writes").tag("outcome", "skipped").counter().count()).isEqualTo(1);
    assertThat(mirror.inFlightCount()).isZero();
  }

  @Test
  void should_log_a_failed_copy_once_a_slower_primary_applied_the_write() {
    MirroredWrite write = mirroredWrite(TargetFailurePolicy.LOG_FOR_REPLAY);
    CompletableFuture<String> primary = new CompletableFuture<>();

    CompletableFuture<String> answer = write.write(command(), (side, command) -> primary).toCompletableFuture();
    copies.get(0).completeExceptionally(new InvalidQueryException(null, "unconfigured table t"));
    assertThat(log.entries).as("logged before the primary answered").isEmpty();
    primary.complete("primary");

    assertThat(answer).isCompletedWithValue("primary");
    assertThat(log.entries).singleElement().satisfies(entry -> assertThat(entry.side()).isEqualTo(Side.TARGET));
  }

  @Test
  void should_log_a_failed_copy_when_the_primary_may_have_applied_the_write() {
    MirroredWrite write = mirroredWrite(TargetFailurePolicy.LOG_FOR_REPLAY);
    WriteTimeoutException uncertain =
        new WriteTimeoutException(null, DefaultConsistencyLevel.ONE, 0, 1, DefaultWriteType.SIMPLE);

    write.write(command(), (side, command) -> failed(uncertain));
    copies.get(0).completeExceptionally(new InvalidQueryException(null, "unconfigured table t"));

    assertThat(log.entries).hasSize(1);
  }

  private MirroredWrite mirroredWrite(TargetFailurePolicy policy) {
    MirrorConfig config = config(policy);
    MirrorMetrics metrics = new MirrorMetrics(registry);
    SideResilience resilience = new SideResilience(config, Clock.systemUTC(), retries, registry);
    DefaultStatementClassifier classifier = new DefaultStatementClassifier();
    mirror = new DefaultWriteMirror(config, (side, login) -> CompletableFuture.completedFuture(target), resilience,
        log, classifier, metrics, Clock.systemUTC());
    return new MirroredWrite(mirror, new DefaultMigrationControl(MigrationState.initial(MirrorMode.SYNC)),
        new WritePlanner(config, classifier, new MonotonicWriteTimestampGenerator(),
            new FunctionRewrites(new SimpleMeterRegistry(), 100)), config, metrics,
        timers.executor);
  }

  private static MirrorConfig config(TargetFailurePolicy policy) {
    return MirrorConfig.builder().targetFailurePolicy(policy).secondaryDeadline(Duration.ofMillis(250))
        .retryMaxAttempts(1).build();
  }

  private static WriteCommand command() {
    return WriteCommand.builder(BoundQuery.of("INSERT INTO ks.t (k) VALUES (1)")).build();
  }

  private static CompletionStage<String> done(String answer) {
    return CompletableFuture.completedFuture(answer);
  }

  private static CompletionStage<String> failed(Throwable error) {
    return CompletableFuture.failedFuture(error);
  }
}
