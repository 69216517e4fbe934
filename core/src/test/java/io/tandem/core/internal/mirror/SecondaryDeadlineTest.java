package io.tandem.core.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;

import io.tandem.core.api.mirror.MirrorConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SecondaryDeadlineTest {

  private final ManualScheduler scheduler = new ManualScheduler();
  private final SecondaryDeadline deadline = new SecondaryDeadline(MirrorConfig.builder()
      .secondaryDeadline(Duration.ofMillis(500))
      .tableSecondaryDeadlines(Map.of("shop", Duration.ofSeconds(1), "Shop.Audit", Duration.ofMillis(100)))
      .build(), scheduler.executor);

  @Test
  void should_take_the_tables_deadline_else_its_keyspaces_else_the_default() {
    assertThat(deadline.forTable("shop", "audit")).isEqualTo(Duration.ofMillis(100));
    assertThat(deadline.forTable("SHOP", "Audit")).isEqualTo(Duration.ofMillis(100));
    assertThat(deadline.forTable("shop", "orders")).isEqualTo(Duration.ofSeconds(1));
    assertThat(deadline.forTable("shop", null)).isEqualTo(Duration.ofSeconds(1));
    assertThat(deadline.forTable("other", "audit")).isEqualTo(Duration.ofMillis(500));
    assertThat(deadline.forTable(null, null)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void should_default_to_500_ms() {
    assertThat(MirrorConfig.builder().build().secondaryDeadline()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void should_answer_with_the_copy_when_it_comes_first_and_cancel_the_timer() {
    CompletableFuture<String> copy = new CompletableFuture<>();
    AtomicInteger expiries = new AtomicInteger();

    CompletableFuture<String> bounded = deadline.bound(copy, Duration.ofMillis(300), () -> {
      expiries.incrementAndGet();
      return "expired";
    }).toCompletableFuture();
    copy.complete("applied");
    scheduler.fireAll(); // a timer that fires late changes nothing

    assertThat(bounded).isCompletedWithValue("applied");
    assertThat(expiries).hasValue(0);
    assertThat(scheduler.delays).containsExactly(Duration.ofMillis(300));
    verify(scheduler.futures.get(0)).cancel(false);
  }

  @Test
  void should_answer_at_the_deadline_and_leave_the_copy_running() {
    CompletableFuture<String> copy = new CompletableFuture<>();

    CompletableFuture<String> bounded =
        deadline.bound(copy, Duration.ofMillis(300), () -> "expired").toCompletableFuture();
    assertThat(bounded).isNotDone();
    scheduler.fireAll();
    copy.complete("applied later");

    assertThat(bounded).isCompletedWithValue("expired");
    assertThat(copy).isCompletedWithValue("applied later");
    assertThat(copy.isCancelled()).isFalse();
  }

  @Test
  void should_pass_on_the_copys_error_when_it_comes_first() {
    CompletableFuture<String> copy = new CompletableFuture<>();

    CompletableFuture<String> bounded = deadline.bound(copy, Duration.ofMillis(300), () -> "expired")
        .toCompletableFuture();
    copy.completeExceptionally(new IllegalStateException("log full"));

    assertThat(bounded).isCompletedExceptionally();
  }
}
