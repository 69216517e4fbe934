package io.tandem.core.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.api.replay.FsyncPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MirrorConfigReaderTest {

  @Test
  void should_read_the_same_defaults_as_the_builder() {
    MirrorConfig fromFile = MirrorEngine.configFrom(ConfigFactory.empty());
    MirrorConfig fromBuilder = MirrorConfig.builder().build();

    assertThat(fromFile).usingRecursiveComparison().isEqualTo(fromBuilder);
  }

  @Test
  void should_apply_overrides() {
    MirrorConfig config =
        MirrorEngine.configFrom(
            ConfigFactory.parseString(
                "tandem.mirror { mode = async, secondary-consistency = local_quorum, "
                    + "failed-write-log.fsync-policy = always, replay.interval = 2s }"));

    assertThat(config.defaultMode()).isEqualTo(MirrorMode.ASYNC);
    assertThat(config.secondaryConsistency()).isEqualTo(DefaultConsistencyLevel.LOCAL_QUORUM);
    assertThat(config.fsyncPolicy()).isEqualTo(FsyncPolicy.ALWAYS);
    assertThat(config.replayInterval()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void should_name_the_setting_and_the_accepted_values_on_a_bad_value() {
    assertThatThrownBy(() -> MirrorEngine.configFrom(ConfigFactory.parseString("tandem.mirror.mode = sometimes")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tandem.mirror.mode")
        .hasMessageContaining("sometimes")
        .hasMessageContaining("ASYNC");
  }

  @Test
  void should_reject_inconsistent_breaker_settings() {
    assertThatThrownBy(() -> MirrorConfig.builder().breakerSlidingWindowSize(5).breakerMinimumCalls(6).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("breakerMinimumCalls");
  }
}
