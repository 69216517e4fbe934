package io.tandem.driver.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import io.tandem.core.api.mirror.MirrorMode;
import java.nio.file.Path;
import java.util.Map;
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
}
