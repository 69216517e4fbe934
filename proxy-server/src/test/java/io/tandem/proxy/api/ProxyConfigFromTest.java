package io.tandem.proxy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.tandem.core.api.mirror.MirrorMode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProxyConfigFromTest {

  private static final String CONTACT_POINTS =
      "tandem.proxy.source.contact-points = [\"10.0.0.1\"]\ntandem.proxy.target.contact-points = [\"10.0.0.2\"]\n";

  @Test
  void should_read_the_same_values_the_builder_sets() {
    ProxyConfig read = ProxyConfig.from(ConfigFactory.parseString("""
        tandem.proxy {
          source { contact-points = ["10.0.0.1:9142", "10.0.0.3"], port = 9043, tls = false, datacenter = dc1,
                   username = alice, password = secret }
          target { contact-points = "10.0.0.2", verify-hostname = false }
          listen-address = "127.0.0.1"
          port = 19042
          topology = ["10.1.0.1:19042", "10.1.0.2:19042"]
          protocol-versions = [4, 5]
          cql-version = "3.4.5"
          compression = [snappy]
          max-frame-size = 8 MiB
          max-stream-ids-per-connection = 1024
          request-timeout = 3 seconds
          connect-timeout = 2 seconds
          heartbeat-interval = 0 seconds
          shutdown-grace-period = 1 second
          prepared-cache-size = 500
          max-login-sessions = 4
          event-loop-threads = 3
          native-transport = false
          admin { address = "127.0.0.2", port = 18000 }
        }
        tandem.mirror { mode = ASYNC, max-in-flight = 10 }
        """));

    ClusterEndpoint source = new ClusterEndpoint("source",
        List.of(new InetSocketAddress("10.0.0.1", 9142), new InetSocketAddress("10.0.0.3", 9043)), false, false,
        null, null, "alice", "secret", "dc1");
    ClusterEndpoint target = new ClusterEndpoint("target", List.of(new InetSocketAddress("10.0.0.2", 9042)), true,
        false, null, null, null, null, null);
    ProxyConfig.Builder builder = ProxyConfig.builder(source, target);
    ProxyConfig built = builder
        .listenAddress(new InetSocketAddress("127.0.0.1", 19042))
        .topologyAddresses(List.of(new InetSocketAddress("10.1.0.1", 19042), new InetSocketAddress("10.1.0.2", 19042)))
        .protocolVersions(Set.of(4, 5))
        .cqlVersion("3.4.5")
        .compression(List.of("snappy"))
        .maxFrameBytes(8 * 1024 * 1024)
        .maxStreamIdsPerConnection(1024)
        .requestTimeout(Duration.ofSeconds(3))
        .connectTimeout(Duration.ofSeconds(2))
        .heartbeatInterval(Duration.ZERO)
        .shutdownGracePeriod(Duration.ofSeconds(1))
        .preparedCacheSize(500)
        .maxLoginSessions(4)
        .eventLoopThreads(3)
        .nativeTransport(false)
        .adminAddress(new InetSocketAddress("127.0.0.2", 18000))
        .mirror(builder.build().mirror().toBuilder().defaultMode(MirrorMode.ASYNC).maxInFlight(10).build())
        .build();

    assertThat(read.mirror().defaultMode()).isEqualTo(MirrorMode.ASYNC);
    assertThat(read).usingRecursiveComparison().usingOverriddenEquals().isEqualTo(built);
  }

  @Test
  void should_give_the_builder_defaults_when_only_the_contact_points_are_set() {
    ProxyConfig read = ProxyConfig.from(ConfigFactory.parseString(CONTACT_POINTS));

    ProxyConfig defaults = ProxyConfig.builder(
        new ClusterEndpoint("source", List.of(new InetSocketAddress("10.0.0.1", 9042)), true, true, null, null,
            null, null, null),
        new ClusterEndpoint("target", List.of(new InetSocketAddress("10.0.0.2", 9042)), true, true, null, null,
            null, null, null)).build();
    assertThat(read).usingRecursiveComparison().usingOverriddenEquals().isEqualTo(defaults);
  }

  @Test
  void should_name_the_path_of_a_bad_value() {
    assertThatThrownBy(() -> ProxyConfig.from(ConfigFactory.parseString(CONTACT_POINTS + "tandem.proxy.port = 70000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tandem.proxy.port: 70000 is not a port: use 0 to 65535");
    assertThatThrownBy(() -> ProxyConfig.from(
        ConfigFactory.parseString(CONTACT_POINTS + "tandem.proxy.request-timeout = soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("tandem.proxy.request-timeout: ")
        .hasMessageNotContaining("--");
    assertThatThrownBy(() -> ProxyConfig.from(ConfigFactory.parseString(CONTACT_POINTS + "tandem.proxy.prot = 1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown setting tandem.proxy.prot");
    assertThatThrownBy(() -> ProxyConfig.from(ConfigFactory.parseString(CONTACT_POINTS + "tandem.proxy.read-side = x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tandem.proxy.read-side: 'x' is not source or target");
    assertThatThrownBy(() -> ProxyConfig.from(ConfigFactory.parseString(CONTACT_POINTS
        + "tandem.proxy.target.username = bob")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tandem.proxy.target.username and tandem.proxy.target.password");
  }

  @Test
  void should_ask_for_the_contact_points_by_path() {
    assertThatThrownBy(() -> ProxyConfig.from(ConfigFactory.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("give the source cluster's contact points: tandem.proxy.source.contact-points")
        .hasMessageNotContaining("--config");
  }

  @Test
  void should_round_trip_through_to_builder() {
    ProxyConfig config = ProxyConfig.from(ConfigFactory.parseString(CONTACT_POINTS
        + "tandem.proxy { port = 19042, compression = [], admin.enabled = false }\ntandem.mirror.mode = ASYNC"));

    ProxyConfig copy = config.toBuilder().build();

    assertThat(config.adminAddress()).isNull();
    assertThat(config.compression()).isEmpty();
    assertThat(copy).isNotSameAs(config).usingRecursiveComparison().usingOverriddenEquals().isEqualTo(config);
  }
}
