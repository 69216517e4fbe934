package io.tandem.core.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.control.MigrationState;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.mirror.WriteCommand;
import io.tandem.core.internal.DefaultMigrationControl;
import io.tandem.core.internal.classify.DefaultStatementClassifier;
import io.tandem.core.internal.log.IntentLog;
import io.tandem.core.internal.log.SegmentedFailedWriteLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In ASYNC mode the copy is in the intent log before the caller is answered, and leaves it once settled. */
class MirroredWriteIntentTest {

  private static final WriteCommand INSERT =
      WriteCommand.builder(BoundQuery.of("INSERT INTO ks.t (k, v) VALUES (1, 'a')")).build();

  @TempDir Path directory;

  private final SessionWriteExecutor target = mock(SessionWriteExecutor.class);
  private final CompletableFuture<Object> targetAnswer = new CompletableFuture<>();
  private SegmentedFailedWriteLog failedWrites;
  private IntentLog intents;
  private MirroredWrite write;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @BeforeEach
  void build() {
    when(target.execute(any())).thenAnswer(call -> targetAnswer);
    MirrorConfig config = MirrorConfig.builder().defaultMode(MirrorMode.ASYNC).retryMaxAttempts(1).build();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    failedWrites = SegmentedFailedWriteLog.builder(directory).build();
    intents = IntentLog.open(directory, failedWrites, true, registry, Clock.systemUTC());
    MirrorMetrics metrics = new MirrorMetrics(registry);
    DefaultStatementClassifier classifier = new DefaultStatementClassifier();
    DefaultWriteMirror mirror = new DefaultWriteMirror(config,
        (side, login) -> CompletableFuture.completedFuture(target),
        new SideResilience(config, Clock.systemUTC(), scheduler, registry),
        failedWrites, intents, classifier, metrics, Clock.systemUTC());
    write = new MirroredWrite(mirror, new DefaultMigrationControl(MigrationState.initial(MirrorMode.ASYNC)),
        new WritePlanner(config, classifier, new MonotonicWriteTimestampGenerator(Clock.systemUTC()),
            new FunctionRewrites(registry, 100)), config,
        metrics, scheduler);
  }

  @AfterEach
  void close() {
    intents.close();
    failedWrites.close();
    scheduler.shutdownNow();
  }

  @Test
  void should_record_the_copy_before_the_caller_is_answered_and_settle_it_when_applied() {
    AtomicLong pendingWhenAnswered = new AtomicLong(-1);

    CompletionStage<String> answered = write.write(INSERT, (primary, command) -> CompletableFuture.completedFuture("ok"))
        .thenApply(result -> {
          pendingWhenAnswered.set(intents.pendingCount());
          return result;
        });

    assertThat(answered.toCompletableFuture().join()).isEqualTo("ok");
    assertThat(pendingWhenAnswered).hasValue(1);
    targetAnswer.complete(null);
    assertThat(intents.pendingCount()).isZero();
  }

  @Test
  void should_record_no_copy_of_a_write_the_primary_refused() {
    CompletionStage<String> answered = write.write(INSERT,
        (primary, command) -> CompletableFuture.failedFuture(new IllegalArgumentException("refused")));

    assertThat(answered.toCompletableFuture()).isCompletedExceptionally();
    assertThat(intents.pendingCount()).isZero();
  }
}
