package io.tandem.proxy.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.protocol.internal.Frame;
import com.datastax.oss.protocol.internal.ProtocolConstants;
import com.datastax.oss.protocol.internal.request.Batch;
import com.datastax.oss.protocol.internal.request.Execute;
import com.datastax.oss.protocol.internal.request.query.QueryOptions;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.BoundQuery;
import io.tandem.core.api.mirror.WriteCommand;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RewrittenStatementsTest {

  private static final String ORIGINAL = "INSERT INTO ks.t (k, at) VALUES (?, now())";
  private static final String REWRITTEN = "INSERT INTO ks.t (k, at) VALUES (?, ?)";
  private static final byte[] CLIENT_ID = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  private static final byte[] METADATA_ID = {9, 9};
  private static final ByteBuffer KEY = ByteBuffer.allocate(4).putInt(0, 1);
  private static final ByteBuffer NOW = ByteBuffer.allocate(16);

  private final PreparedStatements statements = new PreparedStatements(100);
  private final RewrittenStatements rewritten = new RewrittenStatements(statements);

  RewrittenStatementsTest() {
    statements.remember(CLIENT_ID, Side.SOURCE, ORIGINAL, "ks", null);
  }

  @Test
  void should_execute_a_rewritten_statement_under_an_id_of_its_own_that_no_cluster_knows_yet() {
    Frame forPrimary = ProtocolWrites.forPrimary(execute(), command(REWRITTEN), rewritten::idFor);

    Execute execute = (Execute) forPrimary.message;
    PreparedStatement statement = statements.find(execute.queryId).orElseThrow();
    assertThat(execute.queryId).hasSize(20).isNotEqualTo(CLIENT_ID);
    assertThat(statement.query()).isEqualTo(REWRITTEN);
    assertThat(statement.keyspace()).isEqualTo("ks");
    assertThat(statement.idOn(Side.SOURCE)).isNull();
    assertThat(statement.idOn(Side.TARGET)).isNull();
    assertThat(execute.resultMetadataId).isEqualTo(METADATA_ID);
    assertThat(execute.options.positionalValues).containsExactly(KEY, NOW);
    assertThat(execute.options.defaultTimestamp).isEqualTo(42L);
  }

  @Test
  void should_give_the_same_text_the_same_id_and_keep_the_client_id_for_its_own_text() {
    byte[] first = rewritten.idFor(CLIENT_ID, REWRITTEN);

    assertThat(rewritten.idFor(CLIENT_ID, REWRITTEN)).isEqualTo(first);
    assertThat(rewritten.idFor(CLIENT_ID, ORIGINAL)).isEqualTo(CLIENT_ID);
  }

  @Test
  void should_rewrite_the_prepared_children_of_a_batch_and_their_values() {
    Frame request = Frame.forRequest(5, 1, false, Collections.emptyMap(), new Batch((byte) 0,
        List.of(CLIENT_ID, "INSERT INTO ks.t (k) VALUES (2)"), List.of(List.of(KEY), List.of()),
        ProtocolConstants.ConsistencyLevel.ONE, ProtocolConstants.ConsistencyLevel.SERIAL, Long.MIN_VALUE, null,
        Integer.MIN_VALUE));
    WriteCommand command = WriteCommand.batch(DefaultBatchType.LOGGED)
        .addQuery(BoundQuery.of(REWRITTEN, List.of(KEY, NOW)))
        .addQuery(BoundQuery.of("INSERT INTO ks.t (k) VALUES (2)")).withTimestamp(42L).build();

    Batch batch = (Batch) ProtocolWrites.forPrimary(request, command, rewritten::idFor).message;

    assertThat(statements.find((byte[]) batch.queriesOrIds.get(0)).orElseThrow().query()).isEqualTo(REWRITTEN);
    assertThat(batch.values.get(0)).containsExactly(KEY, NOW);
    assertThat(batch.defaultTimestamp).isEqualTo(42L);
  }

  private static Frame execute() {
    QueryOptions options = new QueryOptions(ProtocolConstants.ConsistencyLevel.ONE, List.of(KEY), Map.of(), false,
        -1, null, ProtocolConstants.ConsistencyLevel.SERIAL, Long.MIN_VALUE, null, Integer.MIN_VALUE);
    return Frame.forRequest(5, 1, false, Collections.emptyMap(), new Execute(CLIENT_ID, METADATA_ID, options));
  }

  private static WriteCommand command(String text) {
    return WriteCommand.builder(BoundQuery.of(text, List.of(KEY, NOW))).withTimestamp(42L).build();
  }
}
