package io.tandem.proxy.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.dse.driver.api.core.DseProtocolVersion;
import com.datastax.oss.driver.api.core.DefaultProtocolVersion;
import com.datastax.oss.driver.api.core.ProtocolVersion;
import io.tandem.core.api.Side;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OfferedProtocolVersionsTest {

  @Test
  void should_offer_v5_when_both_clusters_speak_it() {
    assertThat(OfferedProtocolVersions.of(Set.of(3, 4, 5), negotiated(DefaultProtocolVersion.V5,
        DefaultProtocolVersion.V5))).containsExactly(3, 4, 5);
  }

  @Test
  void should_keep_v5_for_itself_when_one_cluster_speaks_at_most_v4() {
    assertThat(OfferedProtocolVersions.of(Set.of(3, 4, 5), negotiated(DefaultProtocolVersion.V5,
        DefaultProtocolVersion.V4))).containsExactly(3, 4);
    assertThat(OfferedProtocolVersions.of(Set.of(4, 5), negotiated(DseProtocolVersion.DSE_V2,
        DefaultProtocolVersion.V5))).containsExactly(4);
  }

  @Test
  void should_leave_a_list_without_v5_as_it_is() {
    assertThat(OfferedProtocolVersions.of(Set.of(4), negotiated(DefaultProtocolVersion.V5,
        DefaultProtocolVersion.V5))).containsExactly(4);
  }

  @Test
  void should_refuse_to_start_when_only_v5_is_configured_and_a_cluster_lacks_it() {
    assertThatThrownBy(() -> OfferedProtocolVersions.of(Set.of(5), negotiated(DefaultProtocolVersion.V5,
        DefaultProtocolVersion.V4)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("target cluster speaks V4").hasMessageContaining("offer 4 as well");
  }

  @Test
  void should_not_offer_v5_while_a_cluster_is_known_only_after_a_client_logs_in() {
    assertThat(OfferedProtocolVersions.of(Set.of(3, 4, 5), Map.of(Side.SOURCE, DefaultProtocolVersion.V5)))
        .containsExactly(3, 4);
    assertThatThrownBy(() -> OfferedProtocolVersions.of(Set.of(5), Map.of(Side.SOURCE, DefaultProtocolVersion.V5)))
        .hasMessageContaining("target cluster speaks a version the proxy learns only once a client logs in");
  }

  private static Map<Side, ProtocolVersion> negotiated(ProtocolVersion source, ProtocolVersion target) {
    return Map.of(Side.SOURCE, source, Side.TARGET, target);
  }
}
