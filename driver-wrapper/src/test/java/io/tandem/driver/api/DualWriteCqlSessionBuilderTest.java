package io.tandem.driver.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.Side;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.mirror.MirrorMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DualWriteCqlSessionBuilderTest {

  @Test
  void should_say_which_calls_are_missing_when_a_cluster_is_not_given() {
    assertThatThrownBy(() -> DualWriteCqlSession.builder().withSource(mock(CqlSession.class)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("withSource(...) and withTarget(...)");
  }

  @Test
  void should_read_its_settings_from_the_tandem_section_of_the_driver_config(@TempDir Path logDirectory) {
    CqlSession source = mock(CqlSession.class, RETURNS_DEEP_STUBS);
    CqlSession target = mock(CqlSession.class, RETURNS_DEEP_STUBS);
    DualWriteCqlSession session = DualWriteCqlSession.builder().withSource(source).withTarget(target)
        .withMeterRegistry(new SimpleMeterRegistry())
        .withConfig(ConfigFactory.parseMap(Map.of(
            "tandem.mirror.mode", "ASYNC",
            "tandem.mirror.failed-write-log.directory", logDirectory.toString(),
            "tandem.session.shadow-reads.ratio", 0.25)))
        .build();

    assertThat(session.migration().state().defaultMode()).isEqualTo(MirrorMode.ASYNC);
    assertThat(session.engine().failedWrites()).isNotNull();
    assertThat(logDirectory).isDirectory();
    session.engine().close();
  }

  @Test
  void should_name_the_setting_when_the_shadow_read_ratio_is_invalid() {
    DualWriteCqlSessionBuilder builder = DualWriteCqlSession.builder()
        .withSource(mock(CqlSession.class)).withTarget(mock(CqlSession.class))
        .withConfig(ConfigFactory.parseMap(Map.of("tandem.session.shadow-reads.ratio", 1.5)));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tandem.session.shadow-reads")
        .hasMessageContaining("between 0 and 1");
  }

  @Test
  void should_close_the_source_it_connected_and_name_the_target_when_the_target_cannot_connect() {
    CqlSession source = mock(CqlSession.class);
    CqlSessionBuilder sourceBuilder = mock(CqlSessionBuilder.class);
    when(sourceBuilder.build()).thenReturn(source);
    CqlSessionBuilder target = mock(CqlSessionBuilder.class);
    when(target.build()).thenThrow(AllNodesFailedException.fromErrors(Map.of()));

    assertThatThrownBy(DualWriteCqlSession.builder().withSource(sourceBuilder).withTarget(target)::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Could not connect to the target cluster")
        .hasMessageContaining("contact points");
    verify(source).close();
  }

  @Test
  void should_leave_sessions_it_was_given_open_when_it_cannot_build() {
    CqlSession source = mock(CqlSession.class);
    CqlSessionBuilder target = mock(CqlSessionBuilder.class);
    when(target.build()).thenThrow(AllNodesFailedException.fromErrors(Map.of()));

    assertThatThrownBy(DualWriteCqlSession.builder().withSource(source).withTarget(target)::build)
        .isInstanceOf(IllegalStateException.class);
    verify(source, never()).close();
  }

  @Test
  void should_refuse_an_invalid_migration_id_naming_what_is_allowed() {
    assertThatThrownBy(() -> DualWriteCqlSession.builder().withMigration("orders 2026"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Migration id 'orders 2026' is not valid")
        .hasMessageContaining("orders-2026");
  }

  @Test
  void should_follow_no_migration_without_an_id(@TempDir Path logDirectory) {
    DualWriteCqlSession session = DualWriteCqlSession.builder()
        .withSource(mock(CqlSession.class, RETURNS_DEEP_STUBS)).withTarget(mock(CqlSession.class, RETURNS_DEEP_STUBS))
        .withMeterRegistry(new SimpleMeterRegistry())
        .withConfig(ConfigFactory.parseMap(Map.of("tandem.mirror.failed-write-log.directory", logDirectory.toString())))
        .build();

    assertThat(session.migrationFollower()).isEmpty();
    assertThat(session.migration().state().readSide()).isEqualTo(Side.SOURCE);
    session.engine().close();
  }

  @Test
  void should_serve_in_the_stored_phase_from_the_start_and_deregister_on_close(@TempDir Path logDirectory) {
    ControlStore store = mock(ControlStore.class);
    when(store.load("orders-2026")).thenReturn(Optional.of(new MigrationRecord("orders-2026",
        Phase.READS_ON_TARGET, MirrorMode.ASYNC, Map.of(), 5, Instant.now(), Instant.now())));
    DualWriteCqlSession session = followingBuilder(logDirectory, store).withMigration("orders-2026").build();

    assertThat(session.migration().state().readSide()).isEqualTo(Side.TARGET);
    assertThat(session.migrationFollower()).hasValueSatisfying(follower -> {
      assertThat(follower.applied().version()).isEqualTo(5);
      assertThat(follower.stale()).isFalse();
    });
    verify(store).heartbeat(eq("orders-2026"), any(InstanceReport.class));

    session.close();

    verify(store).deregister(eq("orders-2026"), eq(session.migrationFollower().orElseThrow().instanceId()));
    verify(store, never()).close();
  }

  @Test
  void should_read_the_migration_id_from_the_config(@TempDir Path logDirectory) {
    ControlStore store = mock(ControlStore.class);
    when(store.load("orders-2026")).thenReturn(Optional.of(new MigrationRecord("orders-2026",
        Phase.TARGET_PRIMARY, MirrorMode.ASYNC, Map.of(), 6, Instant.now(), Instant.now())));
    DualWriteCqlSession session = followingBuilder(logDirectory, store)
        .withConfig(ConfigFactory.parseMap(Map.of("tandem.mirror.failed-write-log.directory", logDirectory.toString(),
            "tandem.control.migration-id", "orders-2026")))
        .build();

    assertThat(session.migration().state().primary()).isEqualTo(Side.TARGET);
    session.close();
  }

  @Test
  void should_fail_to_build_for_an_unknown_migration_and_leave_nothing_open(@TempDir Path logDirectory) {
    ControlStore store = mock(ControlStore.class);
    when(store.load("orders-2026")).thenReturn(Optional.empty());
    CqlSession source = mock(CqlSession.class, RETURNS_DEEP_STUBS);
    CqlSessionBuilder sourceBuilder = mock(CqlSessionBuilder.class);
    when(sourceBuilder.build()).thenReturn(source);

    assertThatThrownBy(followingBuilder(logDirectory, store).withSource(sourceBuilder).withMigration("orders-2026")
        ::build)
        .isInstanceOfSatisfying(MigrationException.class,
            e -> assertThat(e.reason()).isEqualTo(MigrationException.Reason.UNKNOWN_MIGRATION))
        .hasMessageContaining("tandem migrate create orders-2026");
    verify(source).close();
    verify(store, never()).heartbeat(any(), any());
  }

  private static DualWriteCqlSessionBuilder followingBuilder(Path logDirectory, ControlStore store) {
    return DualWriteCqlSession.builder()
        .withSource(closableSession()).withTarget(closableSession())
        .withMeterRegistry(new SimpleMeterRegistry())
        .withConfig(ConfigFactory.parseMap(Map.of("tandem.mirror.failed-write-log.directory", logDirectory.toString())))
        .withControlStore(store);
  }

  private static CqlSession closableSession() {
    CompletableFuture<Void> closed = new CompletableFuture<>();
    CqlSession session = mock(CqlSession.class, RETURNS_DEEP_STUBS);
    when(session.closeFuture()).thenReturn(closed);
    when(session.closeAsync()).thenAnswer(invocation -> {
      closed.complete(null);
      return closed;
    });
    return session;
  }
}
