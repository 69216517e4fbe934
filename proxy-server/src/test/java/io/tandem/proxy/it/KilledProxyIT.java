package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.tandem.core.testing.KillScenario;
import io.tandem.proxy.cli.TandemProxyCli;
import io.tandem.testkit.EmbeddedCassandraCluster;
import io.tandem.testkit.JavaProcess;
import io.tandem.testkit.TandemClusters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The proxy, in ASYNC mode and a JVM of its own, is killed with {@code kill -9} while the target is frozen and copies
 * are in flight; started again on the same failed-write log folder, it replays them from the intent log: every write
 * a client was answered for is on the target, with the source's value and write time.
 */
@TandemClusters
class KilledProxyIT extends KillScenario {

  private static final Pattern LISTENING =
      Pattern.compile("^Tandem proxy listening on .*, metrics on (http://\\S+/metrics)$");

  @Test
  void should_put_on_the_target_every_write_acknowledged_before_the_proxy_was_killed() throws Exception {
    int port = freePort();
    Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    try (JavaProcess proxy = startProxy(port, "proxy.err")) {
      awaitListening(proxy);
      try (CqlSession client = client(port)) {
        PreparedStatement insert = client.prepare("INSERT INTO " + clusters.keyspace() + ".killed (k, v) VALUES (?, ?)");
        write(client, insert, 0, 200, acknowledged);
        clusters.target().suspend();
        write(client, insert, 200, 500, acknowledged);
        proxy.kill();
      }
    } finally {
      clusters.target().resume();
    }

    try (JavaProcess restarted = startProxy(port, "restarted.err")) {
      String metrics = awaitListening(restarted);
      awaitOnTarget(acknowledged);
      assertThat(recovered(metrics)).as("copies recovered from the intent log").isPositive();
      assertThat(get(metrics.replace("/metrics", "/health/readiness"))).contains("\"intents_pending\":");
    }

    assertAcknowledgedOnTarget(acknowledged);
  }

  /** Writes keys {@code from} to {@code to}, 32 at a time, keeping those the proxy acknowledged. */
  private static void write(CqlSession client, PreparedStatement insert, int from, int to, Set<Integer> acknowledged)
      throws InterruptedException {
    Semaphore window = new Semaphore(32);
    for (int key = from; key < to; key++) {
      window.acquire();
      int written = key;
      client.executeAsync(insert.bind(written, "value-" + written)).whenComplete((result, error) -> {
        if (error == null) {
          acknowledged.add(written);
        }
        window.release();
      });
    }
    window.acquire(32);
  }

  private JavaProcess startProxy(int port, String errors) {
    return JavaProcess.start(TandemProxyCli.class, List.of("-Xmx256m"), List.of(
        contactPoints(clusters.source()), contactPoints(clusters.target()),
        "--disable-source-tls", "--disable-target-tls",
        "--proxy-address", "127.0.0.1", "--proxy-port", Integer.toString(port),
        "--metrics-address", "127.0.0.1", "--metrics-port", "0",
        "--mirror-mode", "async", "--request-timeout", "60s",
        "--failed-write-log", work.resolve("failed-writes").toString()), work.resolve(errors));
  }

  /** The metrics address the proxy printed once it listens. */
  private static String awaitListening(JavaProcess proxy) {
    proxy.awaitLines(line -> LISTENING.matcher(line).matches(), 1, TIMEOUT);
    return proxy.lines().stream().map(LISTENING::matcher).filter(Matcher::matches).findFirst()
        .map(matcher -> matcher.group(1)).orElseThrow();
  }

  private void awaitOnTarget(Set<Integer> acknowledged) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!rows(clusters.targetSession()).keySet().containsAll(acknowledged) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  private static double recovered(String metricsUrl) throws IOException, InterruptedException {
    return get(metricsUrl).lines().filter(line -> line.startsWith("tandem_mirror_intents_recovered_total"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  private static String get(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static CqlSession client(int port) {
    return CqlSession.builder()
        .addContactPoint(new InetSocketAddress("127.0.0.1", port))
        .withLocalDatacenter(EmbeddedCassandraCluster.DATACENTER)
        .withConfigLoader(DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(15)).build())
        .build();
  }

  private static String contactPoints(EmbeddedCassandraCluster cluster) {
    return cluster.contactPoints().stream().map(point -> point.getHostString() + ":" + point.getPort())
        .collect(Collectors.joining(","));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
