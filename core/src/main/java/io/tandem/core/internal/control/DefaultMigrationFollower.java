package io.tandem.core.internal.control;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.ControlStore;
import io.tandem.core.api.control.InstanceHealth;
import io.tandem.core.api.control.InstanceKind;
import io.tandem.core.api.control.InstanceReport;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.core.api.control.MigrationException;
import io.tandem.core.api.control.MigrationFollower;
import io.tandem.core.api.control.MigrationRecord;
import io.tandem.core.api.control.MigrationState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link MigrationFollower}: reads the migration at start, then every {@code poll-interval} on one
 * scheduler thread; applies each newer version to the control (the store wins over local changes), heartbeats,
 * and on any failure keeps serving what it applied, flagged stale. Polls and {@link #close()} are serialized, so
 * no heartbeat follows the deregistration.
 */
public final class DefaultMigrationFollower implements MigrationFollower {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultMigrationFollower.class);

  private final ControlStore store;
  private final MigrationControl control;
  private final String migrationId;
  private final InstanceKind kind;
  private final String instanceId;
  private final String host;
  private final Supplier<InstanceHealth> health;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final FollowerMeters meters;

  private volatile MigrationRecord applied;
  private volatile boolean stale;
  private volatile Instant lastContact;
  private volatile boolean closed;
  /** Guarded by {@code this}, like every poll. */
  private Instant staleSince;
  private boolean overrideWarned;
  private long lowerVersionReported;
  private ScheduledFuture<?> polling;

  private DefaultMigrationFollower(DefaultBuilder builder, MigrationRecord first) {
    this.store = builder.store;
    this.control = builder.control;
    this.migrationId = first.id();
    this.kind = builder.kind;
    this.host = InstanceIds.hostName();
    this.instanceId = builder.instanceId != null ? builder.instanceId : InstanceIds.defaultInstanceId(host);
    this.health = builder.health;
    this.clock = builder.clock;
    this.ownsScheduler = builder.scheduler == null;
    this.scheduler = ownsScheduler ? ownScheduler(migrationId) : builder.scheduler;
    this.applied = first;
    this.lastContact = clock.instant();
    this.meters = new FollowerMeters(builder.registry, this, clock);
  }

  /** Applies {@code first}, heartbeats and schedules the polls; a failed heartbeat stops the start. */
  private DefaultMigrationFollower start(Duration pollInterval) {
    control.update(current -> applied.state());
    try {
      store.heartbeat(migrationId, report());
    } catch (RuntimeException e) {
      shutDown();
      throw e;
    }
    long millis = pollInterval.toMillis();
    polling = scheduler.scheduleWithFixedDelay(this::pollSafely, millis, millis, TimeUnit.MILLISECONDS);
    LOG.info("Following migration {} as {} ({}): phase {}, version {}, polling every {}", migrationId,
        instanceId, kind, applied.phase(), applied.version(), pollInterval);
    return this;
  }

  /** Never lets an exception out: one would cancel every later poll. */
  void pollSafely() {
    try {
      poll();
    } catch (Throwable e) {
      LOG.error("Unexpected failure while following migration {}; polling goes on", migrationId, e);
    }
  }

  synchronized void poll() {
    if (closed) {
      return;
    }
    try {
      MigrationRecord stored = store.load(migrationId).orElseThrow(() -> new MigrationException(
          MigrationException.Reason.UNKNOWN_MIGRATION, "Migration '" + migrationId + "' was deleted from the store"));
      lastContact = clock.instant();
      follow(stored);
      recovered();
      store.heartbeat(migrationId, report());
      meters.pollSucceeded();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void follow(MigrationRecord stored) {
    if (stored.version() < applied.version()) {
      reportLowerVersion(stored);
    } else if (stored.version() > applied.version()) {
      apply(stored);
    } else if (!control.state().equals(stored.state())) {
      overrideLocalChange(stored);
    }
  }

  private void apply(MigrationRecord stored) {
    MigrationRecord previous = applied;
    control.update(current -> stored.state());
    applied = stored;
    LOG.info("Migration {}: applied version {} (phase {} -> {})", migrationId, stored.version(),
        previous.phase(), stored.phase());
  }

  /** Someone changed the control in this process: the store is the truth for a followed migration. */
  private void overrideLocalChange(MigrationRecord stored) {
    MigrationState local = control.state();
    control.update(current -> stored.state());
    String message = "Migration {}: the local state {} was changed in this process and is overridden by the "
        + "store's version {} (phase {}); change a followed migration with `tandem migrate advance|rollback`";
    if (overrideWarned) {
      LOG.debug(message, migrationId, local, stored.version(), stored.phase());
    } else {
      overrideWarned = true;
      LOG.warn(message, migrationId, local, stored.version(), stored.phase());
    }
  }

  /** Reported once per version: every poll would otherwise repeat it. */
  private void reportLowerVersion(MigrationRecord stored) {
    if (lowerVersionReported != stored.version()) {
      lowerVersionReported = stored.version();
      LOG.error("Migration {}: the store holds version {} (phase {}), older than the applied version {} (phase "
              + "{}); was the control keyspace restored from a backup? Keeping version {}; not applied",
          migrationId, stored.version(), stored.phase(), applied.version(), applied.phase(), applied.version());
    }
  }

  private void recovered() {
    if (stale) {
      stale = false;
      long seconds = Duration.between(staleSince, clock.instant()).toSeconds();
      LOG.warn("Migration {}: control store reachable again; caught up to version {} after {} s", migrationId,
          applied.version(), seconds);
    }
  }

  private void failed(RuntimeException error) {
    meters.pollFailed();
    if (!stale) {
      stale = true;
      staleSince = clock.instant();
      LOG.warn("Migration {}: cannot read the control store ({}); serving with version {} (phase {}) until it "
          + "answers", migrationId, error.getMessage(), applied.version(), applied.phase());
    } else {
      LOG.debug("Migration {}: control store still unreadable: {}", migrationId, error.toString());
    }
    heartbeatQuietly();
  }

  /** The store may answer a write though its migration row is malformed: the gates then see this one stale. */
  private void heartbeatQuietly() {
    try {
      store.heartbeat(migrationId, report());
    } catch (RuntimeException e) {
      LOG.debug("Migration {}: heartbeat failed: {}", migrationId, e.toString());
    }
  }

  private InstanceReport report() {
    InstanceHealth figures = currentHealth();
    return new InstanceReport(instanceId, kind, host, applied.version(), clock.instant(), stale,
        figures.failedWritesPending(), figures.copiesInFlight(), figures.errors(), figures.shadowReads(),
        figures.shadowMismatches());
  }

  private InstanceHealth currentHealth() {
    try {
      return Objects.requireNonNullElse(health.get(), InstanceHealth.NONE);
    } catch (RuntimeException e) {
      LOG.debug("Migration {}: health figures unavailable: {}", migrationId, e.toString());
      return InstanceHealth.NONE;
    }
  }

  @Override
  public String migrationId() {
    return migrationId;
  }

  @Override
  public String instanceId() {
    return instanceId;
  }

  @Override
  public MigrationRecord applied() {
    return applied;
  }

  @Override
  public boolean stale() {
    return stale;
  }

  @Override
  public Instant lastContact() {
    return lastContact;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (polling != null) {
      polling.cancel(false);
    }
    synchronized (this) {
      deregister();
    }
    shutDown();
  }

  private void deregister() {
    try {
      store.deregister(migrationId, instanceId);
    } catch (RuntimeException e) {
      LOG.warn("Migration {}: could not deregister {} ({}); it will show as stale, then gone", migrationId,
          instanceId, e.getMessage());
    }
  }

  private void shutDown() {
    meters.remove();
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }

  private static ScheduledExecutorService ownScheduler(String migrationId) {
    return Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "tandem-control-" + migrationId);
      thread.setDaemon(true);
      return thread;
    });
  }

  /** The {@link MigrationFollower.Builder} behind {@link MigrationFollower#builder}. */
  public static final class DefaultBuilder implements MigrationFollower.Builder {

    private final ControlStore store;
    private final ControlConfig config;
    private final MigrationControl control;
    private InstanceKind kind = InstanceKind.WRAPPER;
    private String instanceId;
    private Supplier<InstanceHealth> health = () -> InstanceHealth.NONE;
    private Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;
    private MeterRegistry registry = Metrics.globalRegistry;

    public DefaultBuilder(ControlStore store, ControlConfig config, MigrationControl control) {
      this.store = Objects.requireNonNull(store, "store");
      this.config = Objects.requireNonNull(config, "config");
      this.control = Objects.requireNonNull(control, "control");
      if (config.migrationId() == null) {
        throw new IllegalArgumentException("No migration to follow: set tandem.control.migration-id, or call "
            + "withMigration(id) on the session builder (--migration id on the proxy)");
      }
    }

    @Override
    public MigrationFollower.Builder withInstance(InstanceKind kind, String instanceId) {
      this.kind = Objects.requireNonNull(kind, "kind");
      this.instanceId = instanceId == null || instanceId.isBlank() ? null : instanceId;
      return this;
    }

    @Override
    public MigrationFollower.Builder withHealth(Supplier<InstanceHealth> health) {
      this.health = Objects.requireNonNull(health, "health");
      return this;
    }

    @Override
    public MigrationFollower.Builder withClock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    @Override
    public MigrationFollower.Builder withScheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    @Override
    public MigrationFollower.Builder withMeterRegistry(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    @Override
    public MigrationFollower start() {
      String id = config.migrationId();
      MigrationRecord first = store.load(id).orElseThrow(() -> new MigrationException(
          MigrationException.Reason.UNKNOWN_MIGRATION, "No migration '" + id + "' in the control store (keyspace "
              + config.keyspace() + "): create it with `tandem migrate create " + id + "`, or check the id and "
              + "the control cluster (tandem.control.cluster)"));
      return new DefaultMigrationFollower(this, first).start(config.pollInterval());
    }
  }
}
