package io.tandem.core.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.mirror.MirrorConfig;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/** The builder behind {@link MirrorEngine#builder()}. */
public final class DefaultMirrorEngineBuilder implements MirrorEngine.MirrorEngineBuilder {

  CqlSession source;
  CqlSession target;
  MirrorConfig config = MirrorConfig.builder().build();
  MeterRegistry meterRegistry = Metrics.globalRegistry;
  Clock clock = Clock.systemUTC();
  ScheduledExecutorService scheduler;

  @Override
  public DefaultMirrorEngineBuilder withSource(CqlSession source) {
    this.source = Objects.requireNonNull(source, "source");
    return this;
  }

  @Override
  public DefaultMirrorEngineBuilder withTarget(CqlSession target) {
    this.target = Objects.requireNonNull(target, "target");
    return this;
  }

  @Override
  public DefaultMirrorEngineBuilder withConfig(MirrorConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    return this;
  }

  @Override
  public DefaultMirrorEngineBuilder withMeterRegistry(MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  @Override
  public DefaultMirrorEngineBuilder withClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  @Override
  public DefaultMirrorEngineBuilder withScheduler(ScheduledExecutorService scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  @Override
  public MirrorEngine build() {
    if (source == null || target == null) {
      throw new IllegalStateException(
          "A mirror engine needs both clusters: call withSource(session) and withTarget(session)");
    }
    return new DefaultMirrorEngine(this);
  }
}
