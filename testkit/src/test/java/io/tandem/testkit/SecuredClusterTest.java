package io.tandem.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A node with PasswordAuthenticator and client TLS, on 127.0.0.8, apart from the shared pair. */
class SecuredClusterTest {

  private static EmbeddedCassandraCluster cluster;
  private static SelfSignedKeystore keystore;

  @BeforeAll
  static void start() {
    Path work = Path.of(System.getProperty("tandem.testkit.workDirectory", "target/cassandra"));
    keystore = SelfSignedKeystore.create(work.resolve("secured.p12"), "changeit", List.of("127.0.0.8"));
    cluster =
        EmbeddedCassandraCluster.builder()
            .withClusterName("secured")
            .withFirstAddress("127.0.0.8")
            .withHeap("768m")
            .withPasswordAuthentication()
            .withClientTls(keystore)
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void should_accept_the_superuser_over_tls() {
    try (CqlSession session = cluster.sessionBuilder().build()) {
      String user = session.execute("SELECT role FROM system_auth.roles WHERE role = 'cassandra'").one().getString(0);
      assertThat(user).isEqualTo("cassandra");
    }
  }

  @Test
  void should_refuse_a_client_without_credentials() {
    assertThatThrownBy(
            () ->
                CqlSession.builder()
                    .addContactPoints(cluster.contactPoints())
                    .withLocalDatacenter(EmbeddedCassandraCluster.DATACENTER)
                    .withSslContext(keystore.clientContext())
                    .build()
                    .close())
        .isInstanceOf(AllNodesFailedException.class)
        .hasMessageContaining("Authentication");
  }

  @Test
  void should_refuse_a_client_without_tls() {
    assertThatThrownBy(
            () ->
                CqlSession.builder()
                    .addContactPoints(cluster.contactPoints())
                    .withLocalDatacenter(EmbeddedCassandraCluster.DATACENTER)
                    .withAuthCredentials("cassandra", "cassandra")
                    .build()
                    .close())
        .isInstanceOf(AllNodesFailedException.class);
  }
}
