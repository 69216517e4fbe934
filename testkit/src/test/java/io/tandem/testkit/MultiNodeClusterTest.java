package io.tandem.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Two nodes of one cluster on 127.0.0.6 and 127.0.0.7, apart from the shared pair. */
class MultiNodeClusterTest {

  @Test
  void should_form_one_cluster_of_two_nodes() {
    try (EmbeddedCassandraCluster cluster =
            EmbeddedCassandraCluster.builder()
                .withClusterName("pair")
                .withFirstAddress("127.0.0.6")
                .withNodeCount(2)
                .withHeap("768m")
                .build()
                .start();
        CqlSession session = cluster.testSessionBuilder(Duration.ofSeconds(20)).build()) {
      assertThat(cluster.contactPoints()).hasSize(2);
      assertThat(session.getMetadata().getNodes()).hasSize(2);
      assertThat(session.execute("SELECT peer FROM system.peers").all()).hasSize(1);
    }
  }
}
