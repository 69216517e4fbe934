package io.tandem.proxy.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.core.api.mirror.NoSessionForLoginException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PerLoginSessionsTest {

  private static final ClientCredentials ALICE = new ClientCredentials("alice", "a-secret");
  private static final ClientCredentials BOB = new ClientCredentials("bob", "b-secret");
  private static final ClientCredentials CAROL = new ClientCredentials("carol", "c-secret");

  private final List<ClientCredentials> openedFor = new ArrayList<>();
  private final List<CqlSession> opened = new ArrayList<>();
  private final AtomicLong now = new AtomicLong();
  private boolean refuse;
  private CompletableFuture<CqlSession> stillOpening;

  private final PerLoginSessions sessions = new PerLoginSessions("target", this::open, 2, now::get,
      Duration.ofMillis(50));

  @Test
  void should_open_one_session_per_user_and_keep_it_across_logins() {
    sessions.loggedIn(ALICE);
    sessions.loggedIn(ALICE);
    sessions.loggedIn(BOB);

    assertThat(openedFor).containsExactly(ALICE, BOB);
    assertThat(join(sessions.sessionFor("alice"))).isSameAs(opened.get(0));
    assertThat(join(sessions.sessionFor("bob"))).isSameAs(opened.get(1));
  }

  @Test
  void should_replace_and_close_the_session_of_a_user_whose_password_changed() {
    sessions.loggedIn(ALICE);
    sessions.loggedIn(new ClientCredentials("alice", "new-secret"));

    assertThat(openedFor).hasSize(2);
    verify(opened.get(0)).closeAsync();
    assertThat(join(sessions.sessionFor("alice"))).isSameAs(opened.get(1));
  }

  @Test
  void should_close_the_least_recently_used_session_beyond_the_limit() {
    sessions.loggedIn(ALICE);
    sessions.loggedIn(BOB);
    sessions.loggedIn(CAROL);

    assertThat(opened).hasSize(3);
    assertThat(opened).filteredOn(PerLoginSessionsTest::closed).hasSize(1);
    long known = List.of("alice", "bob", "carol").stream()
        .filter(login -> !sessions.sessionFor(login).toCompletableFuture().isCompletedExceptionally()).count();
    assertThat(known).isEqualTo(2);
  }

  @Test
  void should_fail_with_a_hint_for_a_user_it_has_no_credentials_for() {
    assertThatThrownBy(() -> join(sessions.sessionFor("mallory")))
        .hasCauseInstanceOf(NoSessionForLoginException.class)
        .hasMessageContaining("No credentials for user 'mallory' on the target cluster")
        .hasMessageContaining("--target-username/--target-password");
  }

  @Test
  void should_serve_writes_without_login_from_any_open_session_once_there_is_one() {
    assertThatThrownBy(() -> join(sessions.sessionFor(null))).hasCauseInstanceOf(NoSessionForLoginException.class)
        .hasMessageContaining("made without a login");

    sessions.loggedIn(BOB);

    assertThat(join(sessions.sessionFor(null))).isSameAs(opened.get(0));
    assertThat(sessions.anyOpen()).containsSame(opened.get(0));
  }

  @Test
  void should_open_a_refused_login_again_only_after_a_pause() {
    refuse = true;
    sessions.loggedIn(ALICE);
    assertThatThrownBy(() -> join(sessions.sessionFor("alice"))).hasCauseInstanceOf(NoSessionForLoginException.class)
        .hasMessageContaining("refused the login of user 'alice'");

    refuse = false;
    now.addAndGet(PerLoginSessions.REOPEN_AFTER_FAILURE.toNanos() - 1);
    assertThat(sessions.sessionFor("alice").toCompletableFuture()).isCompletedExceptionally();
    assertThat(openedFor).hasSize(1);

    now.addAndGet(1);
    assertThat(join(sessions.sessionFor("alice"))).isNotNull();
    assertThat(openedFor).hasSize(2);
  }

  @Test
  void should_not_keep_a_write_waiting_long_for_a_session_still_opening() {
    stillOpening = new CompletableFuture<>();
    sessions.loggedIn(ALICE);

    assertThatThrownBy(() -> join(sessions.sessionFor("alice"))).hasCauseInstanceOf(NoSessionForLoginException.class)
        .hasMessageContaining("session of user 'alice' on the target cluster is still opening after 50 ms");

    CqlSession session = mock(CqlSession.class);
    stillOpening.complete(session);
    assertThat(join(sessions.sessionFor("alice"))).isSameAs(session);
    assertThat(openedFor).hasSize(1);
  }

  @Test
  void should_close_every_session_on_close() {
    sessions.loggedIn(ALICE);
    sessions.loggedIn(BOB);

    sessions.close();

    opened.forEach(session -> verify(session).closeAsync());
    assertThat(sessions.anyOpen()).isEmpty();
  }

  @Test
  void should_never_show_a_password() {
    assertThat(ALICE.toString()).contains("alice").doesNotContain("a-secret");
  }

  private CompletionStage<CqlSession> open(ClientCredentials credentials, String name) {
    openedFor.add(credentials);
    if (stillOpening != null) {
      return stillOpening;
    }
    if (refuse) {
      return CompletableFuture.failedFuture(new IllegalStateException("Provided username alice and/or password "
          + "are incorrect"));
    }
    CqlSession session = mock(CqlSession.class);
    opened.add(session);
    return CompletableFuture.completedFuture(session);
  }

  private static boolean closed(CqlSession session) {
    return org.mockito.Mockito.mockingDetails(session).getInvocations().stream()
        .anyMatch(invocation -> invocation.getMethod().getName().equals("closeAsync"));
  }

  private static CqlSession join(CompletionStage<CqlSession> stage) {
    return stage.toCompletableFuture().join();
  }
}
