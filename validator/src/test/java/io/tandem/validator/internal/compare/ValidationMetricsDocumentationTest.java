package io.tandem.validator.internal.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.testing.MetricsReference;
import org.junit.jupiter.api.Test;

/** docs/metrics.md must list the validation's meters as registered, and none that is gone. */
class ValidationMetricsDocumentationTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MetricsReference reference = MetricsReference.load();

  ValidationMetricsDocumentationTest() {
    new TableCollector("orders", 10, null, registry);
  }

  @Test
  void should_document_every_validation_meter_with_its_type_and_tags() {
    assertThat(reference.problemsWith(registry)).as("in %s", reference.file()).isEmpty();
  }

  @Test
  void should_document_no_validation_meter_that_is_not_registered() {
    assertThat(reference.staleNames(registry, "tandem.validate.")).as("in %s", reference.file()).isEmpty();
  }
}
