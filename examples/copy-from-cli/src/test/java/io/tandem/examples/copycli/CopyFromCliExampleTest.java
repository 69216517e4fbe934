package io.tandem.examples.copycli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class CopyFromCliExampleTest {

  private static CopyExampleSettings settings(String... args) {
    CopyFromCliExample example = new CopyFromCliExample();
    new picocli.CommandLine(example).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return example.settings();
  }

  @Test
  void should_start_embedded_clusters_and_crash_the_copy_by_default() {
    CopyExampleSettings settings = settings();

    assertThat(settings.embedded()).isTrue();
    assertThat(settings.rows()).isEqualTo(100_000);
    assertThat(settings.rowsPerSecond()).isEqualTo(5_000);
    assertThat(settings.interruptAtPercent()).isEqualTo(40);
    assertThat(settings.signal()).isEqualTo(StopSignal.KILL);
    assertThat(settings.runDirectory().getFileName().toString()).startsWith("run-");
    assertThat(settings.checkpointDirectory()).startsWithRaw(settings.runDirectory());
  }

  @Test
  void should_shrink_the_history_and_the_rate_with_quick_unless_told_otherwise() {
    assertThat(settings("--quick").rows()).isEqualTo(6_000);
    assertThat(settings("--quick").rowsPerSecond()).isEqualTo(1_500);
    assertThat(settings("--quick", "--rows", "5000").rows()).isEqualTo(5_000);
  }

  @Test
  void should_read_real_clusters_and_the_signal() {
    CopyExampleSettings settings = settings("--source", "10.0.0.1:9042", "--target", "10.0.1.1:9142", "--datacenter",
        "dc1", "--signal", "term");

    assertThat(settings.embedded()).isFalse();
    assertThat(settings.target().getHostString()).isEqualTo("10.0.1.1");
    assertThat(settings.target().getPort()).isEqualTo(9142);
    assertThat(settings.datacenter()).isEqualTo("dc1");
    assertThat(settings.signal()).isEqualTo(StopSignal.TERM);
  }

  @Test
  void should_refuse_one_cluster_without_the_other_bad_addresses_and_odd_figures() {
    assertThatThrownBy(() -> settings("--source", "10.0.0.1:9042"))
        .isInstanceOf(ParameterException.class).hasMessageContaining("both --source and --target");
    assertThatThrownBy(() -> settings("--source", "10.0.0.1", "--target", "10.0.1.1:9042"))
        .isInstanceOf(ParameterException.class).hasMessageContaining("host:port");
    assertThatThrownBy(() -> settings("--interrupt-at", "95"))
        .isInstanceOf(ParameterException.class).hasMessageContaining("--interrupt-at");
  }

  @Test
  void should_exit_with_2_on_a_bad_command_line() {
    assertThat(CopyFromCliExample.commandLine().execute("--rows", "many")).isEqualTo(2);
  }

  @Test
  void should_know_the_exit_status_each_signal_leaves() {
    assertThat(StopSignal.KILL.exitStatus()).isEqualTo(137);
    assertThat(StopSignal.TERM.exitStatus()).isEqualTo(143);
  }
}
