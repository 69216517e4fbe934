package io.tandem.core.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.core.api.mirror.LoginSessions;
import io.tandem.core.api.mirror.MirrorConfig;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/** The builder behind {@link MirrorEngine#builder()}. */
public final class DefaultMirrorEngineBuilder implements MirrorEngine.MirrorEngineBuilder {

  final Map<Side, LoginSessions> sessions = new EnumMap<>(Side.class);
  MirrorConfig config = MirrorConfig.builder().build();
  MeterRegistry meterRegistry = Metrics.globalRegistry;
  Clock clock = Clock.systemUTC();
  ScheduledExecutorService scheduler;

  @Override
  public DefaultMirrorEngineBuilder withSource(CqlSession source) {
    sessions.put(Side.SOURCE, LoginSessions.of(source));
    return this;
  }

  @Override
  public DefaultMirrorEngineBuilder withTarget(CqlSession target) {
    sessions.put(Side.TARGET, LoginSessions.of(target));
    return this;
  }

  @Override
  public DefaultMirrorEngineBuilder withSessions(Side side, LoginSessions sessions) {
    this.sessions.put(Objects.requireNonNull(side, "side"), Objects.requireNonNull(sessions, "sessions"));
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
    if (sessions.size() < Side.values().length) {
      throw new IllegalStateException("A mirror engine needs both clusters: call withSource(session) and "
          + "withTarget(session), or withSessions(side, loginSessions)");
    }
    return new DefaultMirrorEngine(this);
  }
}
