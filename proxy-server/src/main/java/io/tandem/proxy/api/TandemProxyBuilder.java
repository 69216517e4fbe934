package io.tandem.proxy.api;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.proxy.internal.server.DefaultTandemProxy;
import io.tandem.proxy.internal.server.ProxyServices;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Starts a {@link TandemProxy} with what it is given from outside rather than configured: where its meters
 * go, its clock, the scheduler of its engine's background work and the session of its control store. Every
 * setting is optional; with none, the proxy is the one {@link TandemProxy#start(ProxyConfig)} starts.
 *
 * <pre>{@code
 * TandemProxy proxy = TandemProxy.builder(config).withMeterRegistry(registry).start();
 * }</pre>
 */
public final class TandemProxyBuilder {

  private final ProxyConfig config;
  private MeterRegistry meterRegistry;
  private Clock clock = Clock.systemUTC();
  private ScheduledExecutorService scheduler;
  private CqlSession controlSession;

  TandemProxyBuilder(ProxyConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Where the proxy's and its engine's meters are recorded, besides {@code /metrics}. A Prometheus registry
   * is itself the one {@code /metrics} serves (the JVM's meters are then bound to it); any other gets the
   * same meters as a new Prometheus registry that {@code /metrics} serves. Default: only that new registry.
   */
  public TandemProxyBuilder withMeterRegistry(MeterRegistry registry) {
    this.meterRegistry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /** Clock of the engine: write timestamps, breaker timing, failed-write log times. Default: the system UTC clock. */
  public TandemProxyBuilder withClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Runs the engine's retry back-offs and periodic replay; the proxy does not shut it down. Default: a single
   * daemon thread the engine owns.
   */
  public TandemProxyBuilder withScheduler(ScheduledExecutorService scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /**
   * The session the control store lives on when the configuration follows a migration ({@link
   * ProxyConfig#control()}), instead of the cluster the configuration names ({@code control().cluster()} or
   * {@link ProxyConfig#controlEndpoint()}); the proxy does not close it. Default: none, the configured cluster.
   */
  public TandemProxyBuilder withControlSession(CqlSession session) {
    this.controlSession = Objects.requireNonNull(session, "session");
    return this;
  }

  /** Connects to both clusters, binds the listen address and returns once clients can connect. */
  public TandemProxy start() {
    return DefaultTandemProxy.start(config, new ProxyServices(meterRegistry, clock, scheduler, controlSession));
  }
}
