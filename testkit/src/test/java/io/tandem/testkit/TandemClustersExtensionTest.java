package io.tandem.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.Row;
import org.junit.jupiter.api.Test;

@TandemClusters
class TandemClustersExtensionTest {

  @Test
  void should_give_a_source_and_a_target_that_store_and_return_rows(ClusterPair clusters) {
    clusters.executeOnBoth("CREATE TABLE IF NOT EXISTS %s.users (id int PRIMARY KEY, name text)");

    clusters.executeOnSource("INSERT INTO %s.users (id, name) VALUES (1, 'on source')");
    clusters.executeOnTarget("INSERT INTO %s.users (id, name) VALUES (1, 'on target')");

    Row onSource = clusters.executeOnSource("SELECT name FROM %s.users WHERE id = 1").one();
    Row onTarget = clusters.executeOnTarget("SELECT name FROM %s.users WHERE id = 1").one();
    assertThat(onSource.getString("name")).isEqualTo("on source");
    assertThat(onTarget.getString("name")).isEqualTo("on target");
  }

  @Test
  void should_run_two_separate_clusters(ClusterPair clusters) {
    String sourceName = clusters.executeOnSource("SELECT cluster_name FROM system.local").one().getString(0);
    String targetName = clusters.executeOnTarget("SELECT cluster_name FROM system.local").one().getString(0);

    assertThat(sourceName).isEqualTo("source");
    assertThat(targetName).isEqualTo("target");
    assertThat(clusters.source().contactPoints()).isNotEqualTo(clusters.target().contactPoints());
  }

  @Test
  void should_name_the_keyspace_after_the_test_class(ClusterPair clusters) {
    assertThat(clusters.keyspace()).isEqualTo("tandem_tandemclustersextensiontest");
    assertThat(clusters.targetSession().getMetadata().getKeyspace(clusters.keyspace())).isPresent();
  }

  @Test
  void should_keep_writing_the_node_logs_after_startup(ClusterPair clusters) {
    NodeLogs.assertLogsAfterStartup(clusters.source(), clusters.sourceSession(), "logs_after_startup");
  }
}
