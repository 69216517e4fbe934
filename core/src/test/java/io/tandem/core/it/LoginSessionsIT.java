package io.tandem.core.it;

import static io.tandem.core.it.EngineFixture.integer;
import static io.tandem.core.it.EngineFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.LoginSessions;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.mirror.NoSessionForLoginException;
import io.tandem.core.api.replay.ReplayReport;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies sent through a session chosen by the write's login (as the proxy does when it logs in to the target
 * with each client's credentials): a login without a session is logged, not lost, and replayed once its
 * session exists, while the entries of other logins are replayed.
 */
@TandemClusters
class LoginSessionsIT {

  @TempDir Path logDirectory;
  private ClusterPair clusters;
  private EngineFixture fixture;
  private final Map<String, CqlSession> known = new ConcurrentHashMap<>();
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private final LoginSessions targetSessions = this::sessionFor;

  @BeforeEach
  void createTable(ClusterPair clusters) {
    this.clusters = clusters;
    clusters.executeOnBoth("DROP TABLE IF EXISTS %s.logins");
    clusters.executeOnBoth("CREATE TABLE %s.logins (k int PRIMARY KEY, v text)");
    fixture = new EngineFixture(clusters);
  }

  @AfterEach
  void cleanUp() {
    fixture.close();
  }

  @Test
  void should_send_each_copy_through_the_session_of_its_login() {
    known.put("alice", fixture.target);
    fixture.start(EngineFixture.quickConfig(logDirectory).defaultMode(MirrorMode.SYNC).build(), targetSessions);

    writeAs("alice", 0, 20);

    assertThat(asked).hasSize(20).containsOnly("alice");
    assertThat(fixture.rows(Side.TARGET, "logins")).hasSize(20).isEqualTo(fixture.rows(Side.SOURCE, "logins"));
    assertThat(fixture.engine.failedWrites().pendingCount()).isZero();
  }

  @Test
  void should_log_writes_of_a_login_without_session_and_replay_them_once_it_has_one() throws Exception {
    // no periodic replay: a background run under way when carol gets her session would apply some of her
    // writes itself, and the run asserted below would find fewer
    fixture.start(EngineFixture.quickConfig(logDirectory).defaultMode(MirrorMode.ASYNC)
        .replayInterval(Duration.ofHours(1)).build(), targetSessions);
    writeAs("bob", 0, 30);
    writeAs("carol", 30, 40);
    awaitPending(40);

    known.put("carol", fixture.target);
    ReplayReport carolOnly = fixture.engine.replayNow().toCompletableFuture().join();

    assertThat(carolOnly.applied()).isEqualTo(10);
    assertThat(carolOnly.requeued()).isEqualTo(30);
    assertThat(carolOnly.stoppedBy()).isNull();
    assertThat(fixture.engine.failedWrites().pendingCount()).isEqualTo(30);
    assertThat(fixture.rows(Side.TARGET, "logins")).hasSize(10);
    assertThat(fixture.engine.breaker(Side.TARGET).getState()).isEqualTo(CircuitBreaker.State.CLOSED);

    known.put("bob", fixture.target);
    ReplayReport replayed = fixture.engine.replayNow().toCompletableFuture().join();

    assertThat(replayed.applied()).isEqualTo(30);
    assertThat(replayed.remaining()).isZero();
    assertThat(fixture.engine.failedWrites().pendingCount()).isZero();
    assertThat(fixture.rows(Side.TARGET, "logins")).hasSize(40).isEqualTo(fixture.rows(Side.SOURCE, "logins"));
  }

  private void writeAs(String login, int fromKey, int toKey) {
    for (int k = fromKey; k < toKey; k++) {
      fixture.write(login, "INSERT INTO %s.logins (k, v) VALUES (?, ?)", integer(k), text("v" + k))
          .toCompletableFuture().join();
    }
  }

  private CompletionStage<CqlSession> sessionFor(String login) {
    asked.add(String.valueOf(login));
    CqlSession session = login == null ? fixture.target : known.get(login);
    return session != null ? CompletableFuture.completedFuture(session)
        : CompletableFuture.failedFuture(new NoSessionForLoginException("no session for login " + login, null));
  }

  private void awaitPending(long count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (fixture.engine.failedWrites().pendingCount() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(fixture.engine.failedWrites().pendingCount()).isEqualTo(count);
  }
}
