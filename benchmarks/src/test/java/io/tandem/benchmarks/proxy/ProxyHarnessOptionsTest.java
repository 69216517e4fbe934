package io.tandem.benchmarks.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandem.benchmarks.proxy.ProxyHarness.ScenarioName;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProxyHarnessOptionsTest {

  private final ProxyHarness.ScenarioNameConverter converter = new ProxyHarness.ScenarioNameConverter();

  @Test
  void should_read_scenario_names_as_the_results_write_them() {
    assertThat(converter.convert("reads-fixed-rate")).isEqualTo(ScenarioName.reads_fixed_rate);
    assertThat(converter.convert(" in-flight-heap")).isEqualTo(ScenarioName.in_flight_heap);
    assertThat(ScenarioName.pass_through_writes_fixed_rate).hasToString("pass-through-writes-fixed-rate");
  }

  @Test
  void should_refuse_an_unknown_scenario_name() {
    assertThatThrownBy(() -> converter.convert("writes"))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("unknown scenario 'writes'");
  }

  @Test
  void should_put_the_extra_options_after_the_fixed_heap_and_the_collector() {
    ProxyLauncher.ChildProcesses launcher = new ProxyLauncher.ChildProcesses(Path.of("target"), "256m",
        List.of("-XX:StartFlightRecording=filename=/tmp/{name}.jfr", "-Xlog:gc"), List.of());

    assertThat(launcher.jvmFlags()).containsExactly("-Xms256m", "-Xmx256m", "-XX:+UseG1GC",
        "-XX:StartFlightRecording=filename=/tmp/{name}.jfr", "-Xlog:gc");
  }

  @Test
  void should_pin_the_proxy_to_the_cpus_given_and_everything_else_to_the_rest() {
    CpuPinning pinning = CpuPinning.parse("1, 3", 4);

    assertThat(pinning.proxyCpus()).containsExactlyInAnyOrder(1, 3);
    assertThat(pinning.otherCpus()).containsExactlyInAnyOrder(0, 2);
    assertThat(pinning.proxyCommandPrefix()).containsExactly("taskset", "--cpu-list", "1,3");
    assertThat(pinning.describe()).contains("CPU 1,3 alone").contains("on CPU 0,2");
  }

  @Test
  void should_refuse_cpus_the_machine_lacks_or_that_leave_none_for_the_clusters() {
    assertThatThrownBy(() -> CpuPinning.parse("2", 2)).hasMessageContaining("CPUs 0 to 1, got '2'");
    assertThatThrownBy(() -> CpuPinning.parse("0,1", 2)).hasMessageContaining("at least one CPU for the client");
    assertThatThrownBy(() -> CpuPinning.parse("one", 2)).hasMessageContaining("such as 1 or 2,3");
  }
}
