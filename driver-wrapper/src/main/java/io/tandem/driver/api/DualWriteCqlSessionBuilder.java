package io.tandem.driver.api;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.Side;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.driver.internal.DefaultDualWriteCqlSession;
import io.tandem.driver.internal.MigrationFollowing;
import io.tandem.driver.internal.SessionConfigReader;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds a {@link DualWriteCqlSession}. Source and target are required, each as a ready session or as a
 * driver builder (built here; a failure to connect names the cluster). Settings default to the {@code
 * tandem} section of {@code application.conf} — the file the driver itself reads — falling back to the
 * {@code reference.conf} defaults; {@link #withMirrorConfig} and {@link #withShadowReads} override it.
 *
 * <p>With a migration id ({@link #withMigration} or {@code tandem.control.migration-id}) the session follows that
 * migration in the control store: {@link #build()} reads its phase before returning, so the first request is
 * already served in it, and every change is applied within twice {@code tandem.control.poll-interval}. Without
 * one the session holds its state in memory, as before.
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
  private String migrationId;
  private CqlSession controlSession;
  private ControlStore controlStore;

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
   * Follows the migration {@code id} of the control store (instead of {@code tandem.control.migration-id}):
   * the session starts in its stored phase and applies every change an operator makes with {@code tandem
   * migrate}. Default: none.
   *
   * @throws IllegalArgumentException when {@code id} is not a valid migration id
   */
  public DualWriteCqlSessionBuilder withMigration(String id) {
    this.migrationId = ControlConfig.requireMigrationId(id);
    return this;
  }

  /**
   * The session to reach the control store through; it stays the caller's to close. Default: the source
   * session, or the target's when {@code tandem.control.cluster = TARGET}.
   */
  public DualWriteCqlSessionBuilder withControlSession(CqlSession session) {
    this.controlSession = Objects.requireNonNull(session, "control session");
    return this;
  }

  /**
   * The control store itself, instead of the one in {@code tandem.control.keyspace} over the control session
   * (e.g. {@code ControlStore.inMemory()} for a trial); it stays the caller's to close.
   */
  public DualWriteCqlSessionBuilder withControlStore(ControlStore store) {
    this.controlStore = Objects.requireNonNull(store, "control store");
    return this;
  }

  /**
   * Connects (when given builders), builds the session and, with a migration id, reads the migration's phase
   * and applies it before returning.
   *
   * @throws IllegalStateException when a cluster is missing
   * @throws IllegalArgumentException when a {@code tandem.*} setting is invalid
   * @throws io.tandem.core.api.control.MigrationException when the migration cannot be read: unknown id,
   *     control store unreachable, malformed row (the message says which); nothing is left open
   */
  public DualWriteCqlSession build() {
    if ((source == null && sourceBuilder == null) || (target == null && targetBuilder == null)) {
      throw new IllegalStateException("DualWriteCqlSession needs both clusters: call withSource(...) and "
          + "withTarget(...) with a CqlSession or a CqlSessionBuilder");
    }
    Config settings = config != null ? config : ConfigFactory.load();
    MirrorConfig mirror = mirrorConfig != null ? mirrorConfig : MirrorEngine.configFrom(settings);
    ShadowReadConfig shadow = shadowReads != null ? shadowReads : SessionConfigReader.shadowReads(settings);
    ControlConfig control = ControlConfig.from(settings);
    control = migrationId != null ? control.withMigrationId(migrationId) : control;
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
      DefaultDualWriteCqlSession session =
          new DefaultDualWriteCqlSession(sourceSession, targetSession, engine, shadow, meterRegistry);
      if (control.migrationId() != null) {
        follow(session, control, control.cluster() == Side.TARGET ? targetSession : sourceSession);
      }
      return session;
    } catch (RuntimeException e) {
      closeIfBuiltHere(sourceSession, sourceBuilder);
      closeIfBuiltHere(targetSession, targetBuilder);
      throw e;
    }
  }

  /** Starts following before the session is handed out; on failure the engine is closed (its log released). */
  private void follow(DefaultDualWriteCqlSession session, ControlConfig control, CqlSession defaultControl) {
    try {
      boolean ownsStore = controlStore == null;
      ControlStore store = ownsStore
          ? ControlStore.cassandra(controlSession != null ? controlSession : defaultControl, control)
          : controlStore;
      session.follow(MigrationFollowing.start(session, store, ownsStore, control, meterRegistry, clock));
    } catch (RuntimeException e) {
      session.engine().close();
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
