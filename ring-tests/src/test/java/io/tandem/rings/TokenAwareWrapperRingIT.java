package io.tandem.rings;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.ProtocolVersion;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.testing.QuickMirrorConfig;
import io.tandem.driver.api.DualWriteCqlSession;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link DualWriteCqlSession} over the source ring keeps the driver's token-aware routing: each prepared write is
 * coordinated by a replica of its key (as the source's token map places it), and lands on the target too.
 */
@ExtendWith(RingExtension.class)
class TokenAwareWrapperRingIT {

  private static final String TABLE = "routed";
  private static final int WRITES = 60;

  @TempDir Path failedWrites;

  @Test
  void should_send_each_prepared_write_to_a_replica_of_its_key_and_mirror_it(Ring ring) {
    ring.createTable(TABLE, KeyValueRows.DEFINITION);
    RecordedRequests sourceRequests = new RecordedRequests();
    Set<InetAddress> coordinators = new HashSet<>();
    try (DualWriteCqlSession session = DualWriteCqlSession.builder()
        .withSource(ring.sourceSessionBuilder().addRequestTracker(sourceRequests))
        .withTarget(ring.targetSessionBuilder())
        .withMirrorConfig(QuickMirrorConfig.builder(failedWrites).build())
        .withMeterRegistry(new SimpleMeterRegistry())
        .build()) {
      PreparedStatement insert = session.prepare("INSERT INTO " + Ring.KEYSPACE + "." + TABLE + " (k, v) VALUES (?, ?)");
      for (int k = 0; k < WRITES; k++) {
        ResultSet result = session.execute(insert.bind(k, "value " + k));
        InetAddress coordinator = Ring.address(result.getExecutionInfo().getCoordinator());
        assertThat(coordinator).as("coordinator of key %d", k).isIn(replicas(ring, key(k)));
        coordinators.add(coordinator);
      }
    }

    assertThat(coordinators).as("every node coordinates the writes of the keys it holds").hasSize(Ring.NODES);
    List<RecordedRequests.Completed> sent = sourceRequests.startingWith("INSERT");
    assertThat(sent).hasSize(WRITES).allSatisfy(request -> assertThat(Ring.address(request.coordinator()))
        .isIn(replicas(ring, ((BoundStatement) request.request()).getRoutingKey())));
    assertThat(KeyValueRows.withWritetimes(ring.targetSession(), TABLE)).hasSize(WRITES)
        .isEqualTo(KeyValueRows.withWritetimes(ring.sourceSession(), TABLE));
  }

  private static ByteBuffer key(int k) {
    return TypeCodecs.INT.encode(k, ProtocolVersion.DEFAULT);
  }

  /** The key's replicas in the source ring, by the token map of the test's own session. */
  private static Set<InetAddress> replicas(Ring ring, ByteBuffer partitionKey) {
    TokenMap tokenMap = ring.sourceSession().getMetadata().getTokenMap().orElseThrow();
    Set<InetAddress> replicas = tokenMap.getReplicas(Ring.KEYSPACE, partitionKey).stream().map(Ring::address)
        .collect(Collectors.toSet());
    assertThat(replicas).hasSize(Ring.REPLICATION_FACTOR);
    return replicas;
  }
}
