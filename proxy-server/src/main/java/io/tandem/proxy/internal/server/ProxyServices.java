package io.tandem.proxy.internal.server;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a proxy is given from outside rather than configured: where its meters go, its clock and the
 * scheduler of its engine's background work, the session its control store lives on.
 *
 * @param meterRegistry the caller's registry, or {@code null} for the proxy's own
 * @param clock the engine's clock
 * @param scheduler the engine's scheduler, or {@code null} for one the engine owns
 * @param controlSession the session the control store lives on, which the caller closes, or {@code null} for
 *     the one the configuration names
 */
public record ProxyServices(MeterRegistry meterRegistry, Clock clock, ScheduledExecutorService scheduler,
    CqlSession controlSession) {

  /** The defaults of {@code TandemProxy.start(config)}. */
  public static final ProxyServices DEFAULTS = new ProxyServices(null, Clock.systemUTC(), null);

  /** Without a control session of the caller's. */
  public ProxyServices(MeterRegistry meterRegistry, Clock clock, ScheduledExecutorService scheduler) {
    this(meterRegistry, clock, scheduler, null);
  }

  public ProxyServices {
    Objects.requireNonNull(clock, "clock");
  }

  /** The registry {@code /metrics} serves: the caller's when it is a Prometheus one, else a new one. */
  PrometheusMeterRegistry scrapedRegistry() {
    return meterRegistry instanceof PrometheusMeterRegistry prometheus ? prometheus
        : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /** The registry the proxy's and engine's meters are recorded into: the scraped one, plus the caller's. */
  MeterRegistry recordingRegistry(PrometheusMeterRegistry scraped) {
    if (meterRegistry == null || meterRegistry == scraped) {
      return scraped;
    }
    CompositeMeterRegistry both = new CompositeMeterRegistry();
    both.add(scraped);
    both.add(meterRegistry);
    return both;
  }
}
