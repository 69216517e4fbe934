package io.tandem.core.internal.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.core.api.control.MigrationFollower;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.MigrationState;
import io.tandem.core.api.control.Phase;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.testing.MetricsReference;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/metrics.md must list every meter of the migration follower, as registered, and no other control meter. */
class ControlMetricsDocumentationTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ManualScheduler scheduler = new ManualScheduler();
  private final MetricsReference reference = MetricsReference.load();
  private MigrationFollower follower;

  @BeforeEach
  void startFollower() {
    FakeControlStore store = new FakeControlStore();
    store.put(new MigrationRecord("m", Phase.DUAL_WRITE, MirrorMode.ASYNC, Map.of(), 2, Instant.now(), null));
    follower = MigrationFollower.builder(store, ControlConfig.defaults().withMigrationId("m"),
        MigrationControl.inMemory(MigrationState.initial(MirrorMode.ASYNC)))
        .withScheduler(scheduler).withMeterRegistry(registry).start();
  }

  @AfterEach
  void close() {
    follower.close();
    scheduler.shutdownNow();
  }

  @Test
  void should_document_every_follower_meter_with_its_type_and_tags() {
    assertThat(reference.problemsWith(registry)).as("in %s", reference.file()).isEmpty();
  }

  @Test
  void should_document_no_control_meter_that_is_not_registered() {
    assertThat(reference.staleNames(registry, "tandem.control.")).as("in %s", reference.file()).isEmpty();
  }
}
