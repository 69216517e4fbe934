package io.tandem.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandem.testkit.CassandraVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each line gets the yaml names it accepts (4.0 and 3.11 refuse 4.1's new names and fail at startup). */
class CassandraConfigurationTest {

  @TempDir Path node;

  @Test
  void should_write_the_new_names_for_4_1_and_5_0() throws IOException {
    for (CassandraVersion version : new CassandraVersion[] {CassandraVersion.V4_1, CassandraVersion.V5_0}) {
      assertThat(yaml(version))
          .contains("commitlog_sync_period: 10000ms\n", "seeds: \"127.0.0.41:7000\"",
              "allocate_tokens_for_local_replication_factor: 1")
          .doesNotContain("_in_ms");
    }
  }

  @Test
  void should_write_the_old_period_name_for_4_0() throws IOException {
    assertThat(yaml(CassandraVersion.V4_0))
        .contains("commitlog_sync_period_in_ms: 10000\n", "seeds: \"127.0.0.41:7000\"")
        .doesNotContain("commitlog_sync_period:");
  }

  @Test
  void should_write_seeds_without_a_port_and_no_thrift_for_3_11() throws IOException {
    assertThat(yaml(CassandraVersion.V3_11))
        .contains("commitlog_sync_period_in_ms: 10000\n", "seeds: \"127.0.0.41\"", "start_rpc: false")
        .doesNotContain("allocate_tokens_for_local_replication_factor", "commitlog_sync_period:");
  }

  private String yaml(CassandraVersion version) throws IOException {
    CassandraConfiguration.NodeSettings settings = new CassandraConfiguration.NodeSettings(
        "c", "127.0.0.41", "127.0.0.41", 9042, 7000, false, null, null, "", version);
    return Files.readString(CassandraConfiguration.writeYaml(node, settings));
  }
}
