package io.tandem.driver.api;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.driver.internal.DefaultDualWriteCqlSession;
import io.tandem.driver.internal.SessionConfigReader;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds a {@link DualWriteCqlSession}. Source and target are required, each as a ready session or as a
 * driver builder (built here; a failure to connect names the cluster). Settings default to the {@code
 * tandem} section of {@code application.conf} — the file the driver itself reads — falling back to the
 * {@code reference.conf} defaults; {@link #withMirrorConfig} and {@link #withShadowReads} override it.
 */
public final class DualWriteCqlSessionBuilder {

  private CqlSession source;
  private CqlSessionBuilder sourceBuilder;
  private CqlSession target;
  private CqlSessionBuilder targetBuilder;
  private Config config;
  private MirrorConfig mirrorConfig;
  private ShadowReadConfig shadowReads;
  private MeterRegistry meterRegistry = Metrics.globalRegistry;
  private Clock clock = Clock.systemUTC();
  private ScheduledExecutorService scheduler;

  DualWriteCqlSessionBuilder() {}

  /** The cluster the application uses today; it serves reads and is the primary until cutover. */
  public DualWriteCqlSessionBuilder withSource(CqlSession session) {
    this.source = Objects.requireNonNull(session, "source session");
    this.sourceBuilder = null;
    return this;
  }

  public DualWriteCqlSessionBuilder withSource(CqlSessionBuilder builder) {
    this.sourceBuilder = Objects.requireNonNull(builder, "source builder");
    this.source = null;
    return this;
  }

  /** The cluster being migrated to. */
  public DualWriteCqlSessionBuilder withTarget(CqlSession session) {
    this.target = Objects.requireNonNull(session, "target session");
    this.targetBuilder = null;
    return this;
  }

  public DualWriteCqlSessionBuilder withTarget(CqlSessionBuilder builder) {
    this.targetBuilder = Objects.requireNonNull(builder, "target builder");
    this.target = null;
    return this;
  }

  /** The HOCON tree to read {@code tandem.*} from. Default: {@code ConfigFactory.load()}. */
  public DualWriteCqlSessionBuilder withConfig(Config config) {
    this.config = Objects.requireNonNull(config, "config").withFallback(ConfigFactory.defaultReference());
    return this;
  }

  /** Mirror settings, instead of {@code tandem.mirror} from the config. */
  public DualWriteCqlSessionBuilder withMirrorConfig(MirrorConfig mirrorConfig) {
    this.mirrorConfig = Objects.requireNonNull(mirrorConfig, "mirrorConfig");
    return this;
  }

  /** Shadow-read settings, instead of {@code tandem.session.shadow-reads}. Default: off. */
  public DualWriteCqlSessionBuilder withShadowReads(ShadowReadConfig shadowReads) {
    this.shadowReads = Objects.requireNonNull(shadowReads, "shadowReads");
    return this;
  }

  /** Where Tandem's meters go. Default: Micrometer's global registry. */
  public DualWriteCqlSessionBuilder withMeterRegistry(MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /** Clock for write timestamps and the engine's timing. Default: the system UTC clock. */
  public DualWriteCqlSessionBuilder withClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Runs the engine's retry back-offs and periodic replay; closing the session does not shut it down.
   * Default: a single daemon thread the engine owns.
   */
  public DualWriteCqlSessionBuilder withScheduler(ScheduledExecutorService scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /**
   * Connects (when given builders) and builds the session.
   *
   * @throws IllegalStateException when a cluster is missing
   * @throws IllegalArgumentException when a {@code tandem.*} setting is invalid
   */
  public DualWriteCqlSession build() {
    if ((source == null && sourceBuilder == null) || (target == null && targetBuilder == null)) {
      throw new IllegalStateException("DualWriteCqlSession needs both clusters: call withSource(...) and "
          + "withTarget(...) with a CqlSession or a CqlSessionBuilder");
    }
    Config settings = config != null ? config : ConfigFactory.load();
    MirrorConfig mirror = mirrorConfig != null ? mirrorConfig : MirrorEngine.configFrom(settings);
    ShadowReadConfig shadow = shadowReads != null ? shadowReads : SessionConfigReader.shadowReads(settings);
    CqlSession sourceSession = source != null ? source : connect(sourceBuilder, "source");
    CqlSession targetSession;
    try {
      targetSession = target != null ? target : connect(targetBuilder, "target");
    } catch (RuntimeException e) {
      closeIfBuiltHere(sourceSession, sourceBuilder);
      throw e;
    }
    try {
      MirrorEngine.MirrorEngineBuilder engineBuilder = MirrorEngine.builder().withSource(sourceSession)
          .withTarget(targetSession).withConfig(mirror).withMeterRegistry(meterRegistry).withClock(clock);
      if (scheduler != null) {
        engineBuilder.withScheduler(scheduler);
      }
      MirrorEngine engine = engineBuilder.build();
      return new DefaultDualWriteCqlSession(sourceSession, targetSession, engine, shadow, meterRegistry);
    } catch (RuntimeException e) {
      closeIfBuiltHere(sourceSession, sourceBuilder);
      closeIfBuiltHere(targetSession, targetBuilder);
      throw e;
    }
  }

  /** Sessions the caller handed in stay the caller's to close; those connected here are closed. */
  private static void closeIfBuiltHere(CqlSession session, CqlSessionBuilder builder) {
    if (builder != null) {
      session.close();
    }
  }

  private static CqlSession connect(CqlSessionBuilder builder, String side) {
    try {
      return builder.build();
    } catch (RuntimeException e) {
      throw new IllegalStateException("Could not connect to the " + side + " cluster: " + e.getMessage()
          + ". Check its contact points, local datacenter and credentials.", e);
    }
  }
}
