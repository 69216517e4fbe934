package io.tandem.driver.internal.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.testing.MetricsReference;
import io.tandem.driver.api.ShadowReadConfig;
import org.junit.jupiter.api.Test;

/** docs/metrics.md must list the session's own meters as registered, and none that is gone. */
class ShadowReadMetricsDocumentationTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MetricsReference reference = MetricsReference.load();

  ShadowReadMetricsDocumentationTest() {
    new ShadowReader(ShadowReadConfig.OFF, null, side -> null, registry);
  }

  @Test
  void should_document_every_session_meter_with_its_type_and_tags() {
    assertThat(reference.problemsWith(registry)).as("in %s", reference.file()).isEmpty();
  }

  @Test
  void should_document_no_session_meter_that_is_not_registered() {
    assertThat(reference.staleNames(registry, "tandem.shadow_reads")).as("in %s", reference.file()).isEmpty();
  }
}
