package io.tandem.proxy.internal.session;

import com.datastax.oss.driver.api.core.CqlSession;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.tandem.core.api.mirror.NoSessionForLoginException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One driver session per user, each logged in with the credentials a client gave the primary cluster (the
 * primary accepted them), at most {@code maxSessions} users: beyond, the least recently used session is
 * closed and its credentials forgotten. Credentials live in memory only. A session the cluster refused is
 * opened again at the next use at least {@link #REOPEN_AFTER_FAILURE} later, or at the user's next login with
 * other credentials. A write waits at most {@link #OPENING_WAIT} (1 s) for a session still opening, so that the
 * client gets its answer before its driver's own timeout (the Java driver's is 2 s): past that the copy is
 * logged and replayed once the session is open.
 */
final class PerLoginSessions implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PerLoginSessions.class);
  static final Duration REOPEN_AFTER_FAILURE = Duration.ofSeconds(10);
  static final Duration OPENING_WAIT = Duration.ofSeconds(1);

  private record Entry(ClientCredentials credentials, CompletableFuture<CqlSession> session, long openedAt) {

    boolean failed() {
      return session.isCompletedExceptionally();
    }

    boolean opened() {
      return session.isDone() && !failed();
    }
  }

  /** Opens a session logged in as a user; the name tells it apart in the driver's logs. */
  @FunctionalInterface
  interface Opener {
    CompletionStage<CqlSession> openAs(ClientCredentials credentials, String name);
  }

  private final String clusterName;
  private final Opener opener;
  private final LongSupplier nanoTime;
  private final Duration openingWait;
  private final Cache<String, Entry> entries;
  private final AtomicInteger opened = new AtomicInteger();

  /**
   * @param clusterName "source" or "target", for names and messages
   * @param openingWait how long a write waits for a session still opening
   */
  PerLoginSessions(String clusterName, Opener opener, int maxSessions, LongSupplier nanoTime,
      Duration openingWait) {
    this.clusterName = clusterName;
    this.opener = opener;
    this.nanoTime = nanoTime;
    this.openingWait = openingWait;
    this.entries = Caffeine.newBuilder().maximumSize(maxSessions).executor(Runnable::run)
        .removalListener((String login, Entry entry, RemovalCause cause) -> close(entry)).build();
  }

  /** A client logged in to the primary with these credentials: open a session as that user unless one is fine. */
  void loggedIn(ClientCredentials credentials) {
    Entry existing = entries.getIfPresent(credentials.username());
    if (existing == null || !existing.credentials().equals(credentials) || failedLongAgo(existing)) {
      entries.put(credentials.username(), open(credentials));
    }
  }

  /** The session of a user, or a stage failed with {@link NoSessionForLoginException}. */
  CompletionStage<CqlSession> sessionFor(String login) {
    if (login == null) {
      return anyOpen().map(CompletableFuture::completedFuture).orElseGet(() -> CompletableFuture.failedFuture(
          new NoSessionForLoginException("The " + name() + " cluster requires authentication, no credentials are "
              + "configured for it and the write was made without a login: give --" + name()
              + "-username/--" + name() + "-password", null)));
    }
    Entry entry = entries.getIfPresent(login);
    if (entry == null) {
      return CompletableFuture.failedFuture(new NoSessionForLoginException("No credentials for user '" + login
          + "' on the " + name() + " cluster in memory (the proxy restarted, or more than the max-login-sessions "
          + "users wrote): replayed once a client logs in as that user again, or give --" + name()
          + "-username/--" + name() + "-password", null));
    }
    if (failedLongAgo(entry)) {
      Entry reopened = open(entry.credentials());
      entries.asMap().replace(login, entry, reopened);
      entry = reopened;
    }
    return entry.session().isDone() ? entry.session() : whenOpenSoon(login, entry.session());
  }

  /** A session that is open now, if any: for what any login will do (node discovery, health). */
  Optional<CqlSession> anyOpen() {
    return entries.asMap().values().stream().filter(Entry::opened).findFirst().map(entry -> entry.session().join());
  }

  @Override
  public void close() {
    entries.invalidateAll();
    entries.cleanUp();
  }

  private boolean failedLongAgo(Entry entry) {
    return entry.failed() && nanoTime.getAsLong() - entry.openedAt() >= REOPEN_AFTER_FAILURE.toNanos();
  }

  private CompletionStage<CqlSession> whenOpenSoon(String login, CompletableFuture<CqlSession> opening) {
    return opening.copy().orTimeout(openingWait.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(error ->
        CompletableFuture.failedFuture(error instanceof TimeoutException || error.getCause() instanceof TimeoutException
            ? new NoSessionForLoginException("The session of user '" + login + "' on the " + name()
                + " cluster is still opening after " + openingWait.toMillis() + " ms", null)
            : error));
  }

  private Entry open(ClientCredentials credentials) {
    String name = clusterName + "-login-" + opened.incrementAndGet();
    LOG.debug("Opening a {} session for a client's login ({})", clusterName, name);
    CompletableFuture<CqlSession> session = opener.openAs(credentials, name).toCompletableFuture()
        .exceptionally(error -> {
          String cause = SessionOpener.reason(error);
          LOG.warn("Cannot log in to the {} cluster as user '{}' with the credentials the client gave the primary: "
              + "{}. That user's writes wait in the failed-write log; if the clusters' users differ, give --{}-username"
              + "/--{}-password", name(), credentials.username(), cause, name(), name());
          throw new CompletionException(new NoSessionForLoginException("The " + name()
              + " cluster refused the login of user '" + credentials.username() + "': " + cause, error));
        });
    return new Entry(credentials, session, nanoTime.getAsLong());
  }

  private static void close(Entry entry) {
    if (entry != null) {
      entry.session().thenAccept(CqlSession::closeAsync);
    }
  }

  private String name() {
    return clusterName;
  }
}
