package io.tandem.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two nodes of one cluster on 127.0.0.6 and 127.0.0.7, apart from the shared pair. */
class MultiNodeClusterTest {

  private static EmbeddedCassandraCluster cluster;
  private static CqlSession session;

  @BeforeAll
  static void startCluster() {
    cluster =
        EmbeddedCassandraCluster.builder()
            .withClusterName("pair")
            .withFirstAddress("127.0.0.6")
            .withNodeCount(2)
            .withHeap("768m")
            .build()
            .start();
    session = cluster.testSessionBuilder(Duration.ofSeconds(20)).build();
  }

  @AfterAll
  static void stopCluster() {
    session.close();
    cluster.close();
  }

  @Test
  void should_form_one_cluster_of_two_nodes() {
    assertThat(cluster.contactPoints()).hasSize(2);
    assertThat(session.getMetadata().getNodes()).hasSize(2);
    assertThat(session.execute("SELECT peer FROM system.peers").all()).hasSize(1);
  }

  @Test
  void should_keep_writing_the_node_logs_after_startup() {
    NodeLogs.assertLogsAfterStartup(cluster, session, "logs_after_startup");
  }
}
