package io.tandem.examples.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleOptionsTest {

  @Test
  void should_start_embedded_clusters_without_arguments() {
    assertThat(ExampleOptions.parse(List.of()).embedded()).isTrue();
  }

  @Test
  void should_read_real_clusters() {
    ExampleOptions options = ExampleOptions.parse(
        List.of("--source", "10.0.0.1:9042", "--target", "cassandra.example.com:9142", "--datacenter", "dc1"));

    assertThat(options.embedded()).isFalse();
    assertThat(options.source()).isEqualTo(new ExampleOptions.Endpoint("10.0.0.1", 9042));
    assertThat(options.target()).isEqualTo(new ExampleOptions.Endpoint("cassandra.example.com", 9142));
    assertThat(options.datacenter()).isEqualTo("dc1");
  }

  @Test
  void should_refuse_a_partial_set_of_options() {
    assertThatThrownBy(() -> ExampleOptions.parse(List.of("--source", "10.0.0.1:9042")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all of --source");
  }

  @Test
  void should_refuse_bad_values() {
    assertThatThrownBy(() -> ExampleOptions.parse(List.of("--source", "10.0.0.1")))
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> ExampleOptions.parse(List.of("--source", "h:x")))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> ExampleOptions.parse(List.of("--target")))
        .hasMessageContaining("missing value");
    assertThatThrownBy(() -> ExampleOptions.parse(List.of("--port", "1")))
        .hasMessageContaining("unknown option");
  }
}
