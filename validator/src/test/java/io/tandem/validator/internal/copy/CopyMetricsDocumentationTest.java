package io.tandem.validator.internal.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.testing.MetricsReference;
import org.junit.jupiter.api.Test;

/** docs/metrics.md must list the historical copy's meters as registered, and none that is gone. */
class CopyMetricsDocumentationTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MetricsReference reference = MetricsReference.load();

  CopyMetricsDocumentationTest() {
    new CopyMetrics(registry, "orders");
  }

  @Test
  void should_document_every_copy_meter_with_its_type_and_tags() {
    assertThat(reference.problemsWith(registry)).as("in %s", reference.file()).isEmpty();
  }

  @Test
  void should_document_no_copy_meter_that_is_not_registered() {
    assertThat(reference.staleNames(registry, "tandem.copy.")).as("in %s", reference.file()).isEmpty();
  }
}
