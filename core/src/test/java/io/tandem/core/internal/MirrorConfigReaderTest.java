package io.tandem.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

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
  void should_read_table_modes_quoted_or_nested_in_lower_case() {
    MirrorConfig config = MirrorEngine.configFrom(ConfigFactory.parseString(
        "tandem.mirror.table-modes { Shop = async, \"shop.Audit\" = off, billing { invoices = sync } }"));

    assertThat(config.tableModes()).containsOnly(entry("shop", MirrorMode.ASYNC),
        entry("shop.audit", MirrorMode.OFF), entry("billing.invoices", MirrorMode.SYNC));
  }

  @Test
  void should_name_the_table_whose_mode_is_wrong() {
    assertThatThrownBy(() -> MirrorEngine.configFrom(
        ConfigFactory.parseString("tandem.mirror.table-modes { \"shop.audit\" = never }")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tandem.mirror.table-modes.shop.audit")
        .hasMessageContaining("never");
  }

  @Test
  void should_compile_the_primary_only_statements_and_reject_a_broken_one() {
    MirrorConfig config = MirrorEngine.configFrom(
        ConfigFactory.parseString("tandem.mirror.primary-only-statements = \"(?i)insert into audit.*\""));
    assertThat(config.primaryOnlyStatements().matcher("INSERT INTO audit (k) VALUES (1)").matches()).isTrue();

    assertThatThrownBy(() -> MirrorEngine.configFrom(
        ConfigFactory.parseString("tandem.mirror.primary-only-statements = \"insert (\"")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tandem.mirror.primary-only-statements")
        .hasMessageContaining("regular expression");
  }

  @Test
  void should_reject_inconsistent_breaker_settings() {
    assertThatThrownBy(() -> MirrorConfig.builder().breakerSlidingWindowSize(5).breakerMinimumCalls(6).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("breakerMinimumCalls");
  }

  @Test
  void should_read_secondary_deadlines_quoted_or_nested_in_lower_case() {
    MirrorConfig config = MirrorEngine.configFrom(ConfigFactory.parseString(
        "tandem.mirror { secondary-deadline = 200ms, circuit-breaker.slow-call-rate-threshold = 80,"
            + " table-secondary-deadlines { Shop = 1s, \"shop.Audit\" = 50ms, billing { invoices = 2s } } }"));

    assertThat(config.secondaryDeadline()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.breakerSlowCallRateThreshold()).isEqualTo(80f);
    assertThat(config.tableSecondaryDeadlines()).containsOnly(entry("shop", Duration.ofSeconds(1)),
        entry("shop.audit", Duration.ofMillis(50)), entry("billing.invoices", Duration.ofSeconds(2)));
  }

  @Test
  void should_reject_a_secondary_deadline_that_is_not_positive() {
    assertThatThrownBy(() -> MirrorEngine.configFrom(
        ConfigFactory.parseString("tandem.mirror.table-secondary-deadlines { shop = 0s }")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tableSecondaryDeadlines of shop must be positive");
  }
}
