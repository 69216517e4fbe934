package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.testkit.ClusterPair;
import io.tandem.testkit.TandemClusters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Closing the proxy while clients have writes in flight: every request it had accepted is answered as usual
 * (none is cut off with its connection), later ones are refused with OVERLOADED, and what succeeded is on both
 * clusters.
 */
@TandemClusters
class GracefulShutdownIT {

  private static final int WRITES = 500;

  @Test
  void should_answer_every_accepted_request_before_closing(ClusterPair clusters) throws Exception {
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS %s.drained (k int PRIMARY KEY, v text)");
    ProxyFixture fixture = ProxyFixture.start(clusters, MirrorMode.SYNC,
        config -> config.shutdownGracePeriod(Duration.ofSeconds(30)));
    List<CompletableFuture<AsyncResultSet>> writes = new ArrayList<>();
    double inFlightAtClose;
    try (CqlSession client = fixture.clientSession()) {
      PreparedStatement insert = client.prepare("INSERT INTO " + clusters.keyspace() + ".drained (k, v) VALUES (?, ?)");
      for (int k = 0; k < WRITES; k++) {
        writes.add(client.executeAsync(insert.bind(k, "written while closing")).toCompletableFuture());
      }
      inFlightAtClose = awaitRequestsInFlight(fixture);
      fixture.close();

      CompletableFuture.allOf(writes.stream().map(write -> write.exceptionally(error -> null))
          .toArray(CompletableFuture[]::new)).get();
    } finally {
      fixture.close();
    }

    assertThat(inFlightAtClose).as("requests in flight when the proxy was closed").isPositive();
    List<Integer> succeeded = new ArrayList<>();
    for (int k = 0; k < WRITES; k++) {
      try {
        writes.get(k).join();
        succeeded.add(k);
      } catch (CompletionException refused) {
        assertThat(refused.getCause()).as("write %d", k).isInstanceOf(OverloadedException.class)
            .hasMessageContaining("shutting down");
      }
    }
    assertThat(succeeded).hasSizeGreaterThanOrEqualTo((int) inFlightAtClose);
    for (int k : succeeded) {
      String query = "SELECT v FROM %s.drained WHERE k = " + k;
      assertThat(clusters.executeOnTarget(query).one()).as("write %d on the target", k).isNotNull();
      assertThat(clusters.executeOnSource(query).one()).as("write %d on the source", k).isNotNull();
    }
  }

  /** The proxy's in-flight gauge once it shows requests, or 0 if it shows none within 5 s. */
  private static double awaitRequestsInFlight(ProxyFixture fixture) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    double inFlight = 0;
    while (inFlight == 0 && System.nanoTime() < deadline) {
      inFlight = fixture.meters().get("tandem.proxy.in_flight").gauge().value();
    }
    return inFlight;
  }
}
