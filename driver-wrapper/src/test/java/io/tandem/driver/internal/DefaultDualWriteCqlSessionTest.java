package io.tandem.driver.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.datastax.dse.driver.api.core.cql.continuous.ContinuousAsyncResultSet;
import com.datastax.dse.driver.internal.core.cql.continuous.ContinuousCqlRequestAsyncProcessor;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.driver.api.ShadowReadConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultDualWriteCqlSessionTest {

  @TempDir Path logDirectory;
  private final CompletableFuture<Void> sourceClosed = new CompletableFuture<>();
  private final CompletableFuture<Void> targetClosed = new CompletableFuture<>();
  private CqlSession source;
  private CqlSession target;
  private DefaultDualWriteCqlSession session;

  @BeforeEach
  void build() {
    source = MockSessions.session("s0", sourceClosed);
    target = MockSessions.session("s1", targetClosed);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    MirrorEngine engine = MirrorEngine.builder().withSource(source).withTarget(target)
        .withConfig(MirrorConfig.builder().failedWriteDirectory(logDirectory).build())
        .withMeterRegistry(meters).build();
    session = new DefaultDualWriteCqlSession(source, target, engine, ShadowReadConfig.OFF, meters);
  }

  @AfterEach
  void close() {
    session.engine().close();
  }

  @Test
  void should_send_a_read_to_the_read_side_unchanged_with_the_callers_result_type() {
    SimpleStatement select = SimpleStatement.newInstance("SELECT v FROM ks.t WHERE k = 1");
    ResultSet fromTarget = mock(ResultSet.class);
    when(target.execute(select, Statement.SYNC)).thenReturn(fromTarget);

    session.migration().routeReadsTo(Side.TARGET);

    assertThat(session.execute(select)).isSameAs(fromTarget);
    verify(source, never()).execute(any(), eq(Statement.SYNC));
  }

  @Test
  void should_pass_requests_it_does_not_route_to_the_read_side() {
    SimpleStatement select = SimpleStatement.newInstance("SELECT v FROM ks.t");
    CompletionStage<ContinuousAsyncResultSet> continuous = new CompletableFuture<>();
    when(source.execute(select, ContinuousCqlRequestAsyncProcessor.CONTINUOUS_RESULT_ASYNC)).thenReturn(continuous);

    assertThat(session.executeContinuouslyAsync(select)).isSameAs(continuous);
  }

  @Test
  void should_take_name_keyspace_and_metadata_from_the_read_side() {
    when(target.getKeyspace()).thenReturn(Optional.of(CqlIdentifier.fromInternal("on_target")));
    session.migration().routeReadsTo(Side.TARGET);

    assertThat(session.getKeyspace()).contains(CqlIdentifier.fromInternal("on_target"));
    assertThat(session.getMetadata()).isSameAs(target.getMetadata());
    assertThat(session.getContext()).isSameAs(target.getContext());
    assertThat(session.getName()).isEqualTo("dual(s0->s1)");
  }

  @Test
  void should_complete_its_close_future_only_once_both_sessions_are_closed() {
    assertThat(session.isClosed()).isFalse();
    sourceClosed.complete(null);
    assertThat(session.closeFuture().toCompletableFuture()).isNotDone();

    session.closeAsync().toCompletableFuture().join();

    verify(target, timeout(5_000)).closeAsync();
    assertThat(session.isClosed()).isTrue();
  }
}
