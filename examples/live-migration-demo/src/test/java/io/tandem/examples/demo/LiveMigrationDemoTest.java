package io.tandem.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.validator.api.copy.TimestampStrategy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class LiveMigrationDemoTest {

  private static DemoSettings settings(String... args) {
    LiveMigrationDemo demo = new LiveMigrationDemo();
    new CommandLine(demo).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return demo.settings();
  }

  @Test
  void should_start_embedded_clusters_with_the_full_run_by_default() {
    DemoSettings settings = settings();

    assertThat(settings.embedded()).isTrue();
    assertThat(settings.rows()).isEqualTo(20_000);
    assertThat(settings.viaProxy()).isFalse();
    assertThat(settings.timestamps()).isEqualTo(TimestampStrategy.PRESERVE);
    assertThat(settings.runDirectory().getFileName().toString()).startsWith("run-");
  }

  @Test
  void should_shrink_data_and_phases_with_quick_unless_told_otherwise() {
    assertThat(settings("--quick").rows()).isEqualTo(2_000);
    assertThat(settings("--quick").phaseDuration()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings("--quick", "--rows", "500").rows()).isEqualTo(500);
  }

  @Test
  void should_read_real_clusters_and_options() {
    DemoSettings settings = settings("--source", "127.0.0.1:9042", "--target", "127.0.0.1:9142", "--datacenter",
        "dc1", "--via-proxy", "--timestamps", "backdate");

    assertThat(settings.embedded()).isFalse();
    assertThat(settings.target().getPort()).isEqualTo(9142);
    assertThat(settings.datacenter()).isEqualTo("dc1");
    assertThat(settings.viaProxy()).isTrue();
    assertThat(settings.timestamps()).isEqualTo(TimestampStrategy.BACKDATE);
  }

  @Test
  void should_refuse_one_cluster_without_the_other_and_bad_addresses() {
    assertThatThrownBy(() -> settings("--source", "127.0.0.1:9042"))
        .isInstanceOf(ParameterException.class).hasMessageContaining("both --source and --target");
    assertThatThrownBy(() -> settings("--source", "127.0.0.1", "--target", "127.0.0.1:9042"))
        .isInstanceOf(ParameterException.class).hasMessageContaining("host:port");
  }

  @Test
  void should_name_the_migration_after_the_run_so_that_runs_on_the_same_clusters_do_not_collide() {
    DemoSettings settings = settings("--quick");

    String run = settings.runDirectory().getFileName().toString();
    assertThat(settings.migrationId()).isEqualTo("live-demo-" + run.substring("run-".length()))
        .matches("live-demo-[0-9]{8}-[0-9]{6}");
  }

  @Test
  void should_split_the_history_between_readings_and_profiles() {
    HistoryLoader.History history = HistoryLoader.plan(20_000);

    assertThat(history.rows()).isEqualTo(20_000);
    assertThat(history.profiles()).isEqualTo(5_000);
    assertThat(history.sensors()).isEqualTo(30);
  }
}
