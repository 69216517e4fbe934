package io.tandem.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of each older Cassandra line starts, answers a query and keeps its log; each is stopped before the
 * next starts. Nodes on 127.0.0.41 (4.1), .42 (4.0), .43 (3.11); 5.0 runs in every other test.
 */
class CassandraVersionsSmokeTest {

  private static final Logger LOG = LoggerFactory.getLogger(CassandraVersionsSmokeTest.class);

  @Test
  void should_run_a_query_on_cassandra_4_1() {
    smoke(CassandraVersion.V4_1, "127.0.0.41");
  }

  @Test
  void should_run_a_query_on_cassandra_4_0() {
    smoke(CassandraVersion.V4_0, "127.0.0.42");
  }

  @Test
  void should_run_a_query_on_cassandra_3_11_on_java_11() {
    smoke(CassandraVersion.V3_11, "127.0.0.43");
  }

  private static void smoke(CassandraVersion version, String address) {
    long started = System.nanoTime();
    try (EmbeddedCassandraCluster cluster =
            EmbeddedCassandraCluster.builder()
                .withClusterName("v" + version.series().replace('.', '_'))
                .withFirstAddress(address)
                .withVersion(version)
                .withHeap("512m")
                .build()
                .start();
        CqlSession session = cluster.testSessionBuilder(Duration.ofSeconds(20)).build()) {
      LOG.info("{} up in {} ms", version, (System.nanoTime() - started) / 1_000_000);
      Row local = session.execute("SELECT release_version FROM system.local").one();
      assertThat(local.getString("release_version")).isEqualTo(version.release());

      String keyspace = "smoke_" + version.series().replace('.', '_');
      NodeLogs.assertLogsAfterStartup(cluster, session, keyspace);
      session.execute("CREATE TABLE " + keyspace + ".t (k int PRIMARY KEY, v text)");
      session.execute("INSERT INTO " + keyspace + ".t (k, v) VALUES (1, 'one')");
      assertThat(session.execute("SELECT v FROM " + keyspace + ".t WHERE k = 1").one().getString("v"))
          .isEqualTo("one");
    }
  }
}
