package io.tandem.driver.it;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.testing.QuickMirrorConfig;
import io.tandem.driver.api.DualWriteCqlSession;
import io.tandem.testkit.EmbeddedCassandraCluster;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Semaphore;

/**
 * The application {@link KilledApplicationIT} kills: {@code write SOURCE TARGET TABLE LOG_DIR} writes keys 0, 1, 2, …
 * through a {@link DualWriteCqlSession} in ASYNC mode, 32 at a time, printing {@code ACK <key>} for each write it
 * was answered for, until killed; {@code recover SOURCE TARGET TABLE LOG_DIR} opens the same session (which
 * recovers the intent log), replays until the failed-write log is empty, prints {@code RECOVERED <count>} and exits.
 * SOURCE and TARGET are {@code host:port} lists.
 */
public final class KilledApplicationMain {

  /** Long enough that copies to a frozen target are still in flight when the application is killed. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private KilledApplicationMain() {}

  public static void main(String[] args) throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (DualWriteCqlSession session = DualWriteCqlSession.builder()
        .withSource(sessionBuilder(args[1])).withTarget(sessionBuilder(args[2]))
        .withMirrorConfig(QuickMirrorConfig.builder(Path.of(args[4])).defaultMode(MirrorMode.ASYNC).build())
        .withMeterRegistry(meters)
        .build()) {
      if (args[0].equals("write")) {
        writeUntilKilled(session, args[3]);
      } else {
        replayAll(session);
        System.out.println("RECOVERED " + (long) meters.get("tandem.mirror.intents_recovered").counter().count());
      }
    }
  }

  private static void writeUntilKilled(CqlSession session, String table) throws InterruptedException {
    PreparedStatement insert = session.prepare("INSERT INTO " + table + " (k, v) VALUES (?, ?)");
    Semaphore window = new Semaphore(32);
    for (int key = 0; ; key++) {
      window.acquire();
      int written = key;
      session.executeAsync(insert.bind(written, "value-" + written)).whenComplete((result, error) -> {
        if (error == null) {
          print("ACK " + written);
        }
        window.release();
      });
    }
  }

  private static void replayAll(DualWriteCqlSession session) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (session.engine().failedWrites().pendingCount() > 0 && System.nanoTime() < deadline) {
      session.engine().replayNow().toCompletableFuture().join();
      Thread.sleep(100);
    }
    if (session.engine().failedWrites().pendingCount() > 0) {
      throw new IllegalStateException(session.engine().failedWrites().pendingCount() + " writes left to replay");
    }
  }

  private static synchronized void print(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static CqlSessionBuilder sessionBuilder(String contactPoints) {
    return CqlSession.builder()
        .addContactPoints(Arrays.stream(contactPoints.split(",")).map(KilledApplicationMain::address).toList())
        .withLocalDatacenter(EmbeddedCassandraCluster.DATACENTER)
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
            .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
            .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(20))
            .build());
  }

  private static InetSocketAddress address(String hostAndPort) {
    int colon = hostAndPort.lastIndexOf(':');
    return new InetSocketAddress(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
  }

  static String contactPoints(EmbeddedCassandraCluster cluster) {
    return String.join(",", cluster.contactPoints().stream()
        .map(point -> point.getHostString() + ":" + point.getPort()).toList());
  }
}
