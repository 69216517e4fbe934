package io.tandem.validator.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.Version;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only clusters whose every node runs 5.0 or later read the writetime and TTL of multi-cell columns. */
class ClusterCapabilitiesTest {

  @Test
  void should_read_multi_cell_metadata_when_every_node_runs_5_0_or_later() {
    assertThat(ClusterCapabilities.readMultiCellMetadata(versions("5.0.9", "5.0.9", "5.1.0"))).isTrue();
    assertThat(ClusterCapabilities.readMultiCellMetadata(versions("5.0-rc1"))).isTrue();
  }

  @Test
  void should_not_when_any_node_runs_an_older_version() {
    assertThat(ClusterCapabilities.readMultiCellMetadata(versions("4.1.10"))).isFalse();
    assertThat(ClusterCapabilities.readMultiCellMetadata(versions("3.11.19"))).isFalse();
    assertThat(ClusterCapabilities.readMultiCellMetadata(versions("5.0.9", "4.0.19"))).isFalse();
  }

  @Test
  void should_not_when_a_version_is_unknown() {
    assertThat(ClusterCapabilities.readMultiCellMetadata(Arrays.asList(Version.parse("5.0.9"), null))).isFalse();
    assertThat(ClusterCapabilities.readMultiCellMetadata(List.of())).isFalse();
  }

  private static List<Version> versions(String... releases) {
    return Arrays.stream(releases).map(Version::parse).toList();
  }
}
