package io.tandem.core.internal.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.servererrors.UnauthorizedException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationException.Reason;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.control.PhaseChange;
import io.tandem.core.api.mirror.MirrorMode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store's failure paths, on a mocked session: every driver failure becomes a clear STORE_UNAVAILABLE. */
class CassandraControlStoreTest {

  private static final ControlConfig CONFIG = ControlConfig.defaults().withKeyspace("ops_control");

  private final CqlSession session = mock(CqlSession.class, RETURNS_DEEP_STUBS);
  private final CassandraControlStore store = new CassandraControlStore(session, CONFIG);

  @Test
  void should_report_store_unavailable_when_no_node_answers() {
    Node node = mock(Node.class);
    when(node.toString()).thenReturn("Node(127.0.0.9:9042)");
    AllNodesFailedException noneAnswered =
        AllNodesFailedException.fromErrors(Map.of(node, new IOException("Connection refused")));
    when(session.execute(any(SimpleStatement.class))).thenThrow(noneAnswered);

    assertThatThrownBy(() -> store.load("orders-2026"))
        .isInstanceOfSatisfying(MigrationException.class,
            unavailable -> assertThat(unavailable.reason()).isEqualTo(Reason.STORE_UNAVAILABLE))
        .hasMessageStartingWith("The control store at ").hasMessageContaining("/ops_control cannot be reached")
        .hasMessageContaining("loading migration 'orders-2026'").hasMessageContaining("Connection refused");
  }

  @Test
  void should_report_store_unavailable_on_a_timeout_and_try_the_schema_again_next_time() {
    when(session.execute(any(SimpleStatement.class)))
        .thenThrow(new DriverTimeoutException("Query timed out after PT2S"))
        .thenThrow(new NoNodeAvailableException());

    assertThatThrownBy(() -> store.instances("orders-2026"))
        .isInstanceOfSatisfying(MigrationException.class,
            unavailable -> assertThat(unavailable.reason()).isEqualTo(Reason.STORE_UNAVAILABLE))
        .hasMessageContaining("timed out");
    assertThatThrownBy(() -> store.copyProgress("orders-2026"))
        .isInstanceOfSatisfying(MigrationException.class,
            unavailable -> assertThat(unavailable.reason()).isEqualTo(Reason.STORE_UNAVAILABLE))
        .hasMessageContaining("No node was available");
  }

  @Test
  void should_say_a_change_may_have_been_applied_when_its_transaction_timed_out() {
    when(session.execute(any(BatchStatement.class))).thenThrow(
        new WriteTimeoutException(mock(Node.class), DefaultConsistencyLevel.SERIAL, 0, 1, WriteType.CAS));
    MigrationRecord current = new MigrationRecord("orders-2026", Phase.SETUP, MirrorMode.ASYNC, Map.of(), 1,
        Instant.EPOCH, null);

    assertThatThrownBy(() -> store.change(current, current.movedTo(Phase.DUAL_WRITE, Instant.EPOCH),
        new PhaseChange(2, Phase.SETUP, Phase.DUAL_WRITE, "alice", Instant.EPOCH, "", List.of(), false)))
        .isInstanceOfSatisfying(MigrationException.class,
            unknown -> assertThat(unknown.reason()).isEqualTo(Reason.STORE_UNAVAILABLE))
        .hasMessageContaining("may or may not have been applied; run status");
  }

  @Test
  void should_say_what_to_check_when_the_store_refuses() {
    when(session.execute(any(SimpleStatement.class))).thenThrow(
        new UnauthorizedException(mock(Node.class), "User app has no CREATE permission on <all keyspaces>"));

    assertThatThrownBy(() -> store.validations("orders-2026"))
        .isInstanceOfSatisfying(MigrationException.class,
            refused -> assertThat(refused.reason()).isEqualTo(Reason.STORE_UNAVAILABLE))
        .hasMessageContaining("refused").hasMessageContaining("no CREATE permission")
        .hasMessageContaining("may create, read and write the control keyspace");
  }

  @Test
  void should_not_close_the_callers_session() {
    store.close();

    verify(session, never()).close();
  }
}
