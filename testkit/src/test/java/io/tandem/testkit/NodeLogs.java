package io.tandem.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Checks that a node's {@code out.log} still receives what the server logs after startup: Cassandra closes its
 * standard output once started unless told to stay in the foreground, and then no server error reaches the log.
 */
final class NodeLogs {

  private NodeLogs() {}

  /** Creates {@code keyspace} (logged at INFO by every version) and waits for it in the first node's log. */
  static void assertLogsAfterStartup(EmbeddedCassandraCluster cluster, CqlSession session, String keyspace) {
    Path log = cluster.logFiles().get(0);
    assertThat(read(log)).doesNotContain(keyspace);

    session.execute("CREATE KEYSPACE " + keyspace
        + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!read(log).contains(keyspace) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // the appender writes asynchronously to the file
    }
    assertThat(read(log).contains(keyspace))
        .as("%s must log the CREATE KEYSPACE %s made after startup; it stopped logging at startup", log, keyspace)
        .isTrue();
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
