package io.tandem.driver.it;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.testing.TargetStallScenarios;
import io.tandem.testkit.TandemClusters;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link TargetStallScenarios} through {@code DualWriteCqlSession}: the application's callers. */
@TandemClusters
class TargetStallIT extends TargetStallScenarios {

  @TempDir Path logDirectory;

  @Override
  protected FrontDoor start(MirrorMode mode) {
    DualSessionFixture fixture = DualSessionFixture.start(clusters,
        DualSessionFixture.quickConfig(logDirectory).defaultMode(mode).maxInFlight(MAX_IN_FLIGHT).build());
    return new FrontDoor() {
      @Override
      public CqlSession session() {
        return fixture.session;
      }

      @Override
      public MirrorEngine engine() {
        return fixture.engine();
      }

      @Override
      public MeterRegistry meters() {
        return fixture.meters;
      }

      @Override
      public void close() {
        fixture.close();
      }
    };
  }

  @Override
  protected String name() {
    return "wrapper";
  }
}
