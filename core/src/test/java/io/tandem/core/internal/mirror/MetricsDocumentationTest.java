package io.tandem.core.internal.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.replay.FailedWriteLog;
import io.tandem.core.testing.EngineMeters;
import io.tandem.core.testing.MetricsReference;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/metrics.md must list every meter of the mirror engine, as registered, and no engine meter that is gone. */
class MetricsDocumentationTest {

  private static final String[] ENGINE_PREFIXES =
      {"tandem.mirror.", "tandem.request.", "tandem.replay.", "tandem.failed_writes.", "resilience4j."};

  @TempDir Path logDirectory;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final MetricsReference reference = MetricsReference.load();
  private FailedWriteLog log;

  @BeforeEach
  void registerEngineMeters() {
    log = EngineMeters.registerAll(registry, logDirectory, scheduler);
  }

  @AfterEach
  void close() {
    log.close();
    scheduler.shutdownNow();
  }

  @Test
  void should_document_every_engine_meter_with_its_type_and_tags() {
    assertThat(reference.problemsWith(registry)).as("in %s", reference.file()).isEmpty();
  }

  @Test
  void should_document_no_engine_meter_that_is_not_registered() {
    assertThat(reference.staleNames(registry, ENGINE_PREFIXES)).as("in %s", reference.file()).isEmpty();
  }
}
