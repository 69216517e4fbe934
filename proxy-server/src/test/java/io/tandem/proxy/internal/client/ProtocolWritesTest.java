package io.tandem.proxy.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.protocol.internal.ProtocolConstants;
import com.datastax.oss.protocol.internal.request.Batch;
import com.datastax.oss.protocol.internal.request.Query;
import com.datastax.oss.protocol.internal.request.query.QueryOptions;
import io.tandem.core.api.mirror.WriteCommand;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The copy's settings come from the frame: consistency and serial consistency, no timeout. */
class ProtocolWritesTest {

  private static final String LWT = "UPDATE ks.t SET v = 1 WHERE k = 1 IF v = 0";

  @Test
  void should_carry_the_consistency_and_serial_consistency_of_a_query() {
    QueryOptions options = new QueryOptions(ProtocolConstants.ConsistencyLevel.LOCAL_QUORUM, List.of(),
        Collections.emptyMap(), false, -1, null, ProtocolConstants.ConsistencyLevel.LOCAL_SERIAL,
        QueryOptions.NO_DEFAULT_TIMESTAMP, null, QueryOptions.NO_NOW_IN_SECONDS);

    WriteCommand command = ProtocolWrites.toCommand(new Query(LWT, options), id -> null, "ks", false, null);

    assertThat(command.consistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_QUORUM);
    assertThat(command.serialConsistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_SERIAL);
    assertThat(command.timeout()).as("the protocol has no request timeout").isNull();
  }

  @Test
  void should_carry_the_consistency_and_serial_consistency_of_a_batch() {
    Batch batch = new Batch(ProtocolConstants.BatchType.LOGGED, List.of(LWT), List.<List<ByteBuffer>>of(List.of()),
        ProtocolConstants.ConsistencyLevel.QUORUM, ProtocolConstants.ConsistencyLevel.LOCAL_SERIAL,
        QueryOptions.NO_DEFAULT_TIMESTAMP, null, QueryOptions.NO_NOW_IN_SECONDS);

    WriteCommand command = ProtocolWrites.toCommand(batch, id -> null, "ks", false, null);

    assertThat(command.consistency()).isEqualTo(DefaultConsistencyLevel.QUORUM);
    assertThat(command.serialConsistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_SERIAL);
  }
}
