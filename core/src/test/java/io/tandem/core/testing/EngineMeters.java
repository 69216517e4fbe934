package io.tandem.core.testing;

import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorOutcome;
import io.tandem.core.api.replay.FailedWriteLog;
import io.tandem.core.internal.log.IntentLog;
import io.tandem.core.internal.log.SegmentedFailedWriteLog;
import io.tandem.core.internal.mirror.FunctionRewrites;
import io.tandem.core.internal.mirror.MirrorMetrics;
import io.tandem.core.internal.mirror.SideResilience;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Registers every meter the mirror engine publishes, without clusters: those registered up front and, by
 * recording one value each, those registered on first use (per keyspace, table or cause). For tests that
 * check the metrics reference ({@link MetricsReference}). Shipped in core's test jar.
 */
public final class EngineMeters {

  private EngineMeters() {}

  /**
   * @param logDirectory an empty folder for the failed-write log whose meters are registered
   * @return the failed-write log, which the caller closes
   */
  public static FailedWriteLog registerAll(MeterRegistry registry, Path logDirectory,
      ScheduledExecutorService scheduler) {
    MirrorConfig config = MirrorConfig.builder().failedWriteDirectory(logDirectory).build();
    MirrorMetrics metrics = new MirrorMetrics(registry);
    metrics.gaugeInFlight(() -> 0);
    for (MirrorOutcome outcome : MirrorOutcome.values()) {
      metrics.write(outcome, "shop", "orders");
    }
    metrics.failure(Side.TARGET, new IllegalStateException("target down"));
    metrics.lwtCopy("unconditional");
    new SideResilience(config, Clock.systemUTC(), scheduler, registry);
    new FunctionRewrites(registry, 1);
    FailedWriteLog log = SegmentedFailedWriteLog.builder(logDirectory).meterRegistry(registry).build();
    IntentLog.open(logDirectory, log, true, registry, Clock.systemUTC()); // holds no file until it records
    return log;
  }
}
