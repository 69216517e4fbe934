package io.tandem.proxy.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class ProxyServicesTest {

  @Test
  void should_record_into_a_registry_of_its_own_by_default() {
    PrometheusMeterRegistry scraped = ProxyServices.DEFAULTS.scrapedRegistry();

    assertThat(ProxyServices.DEFAULTS.recordingRegistry(scraped)).isSameAs(scraped);
  }

  @Test
  void should_serve_a_given_prometheus_registry_and_record_into_it_directly() {
    PrometheusMeterRegistry given = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    ProxyServices services = new ProxyServices(given, Clock.systemUTC(), null);

    assertThat(services.scrapedRegistry()).isSameAs(given);
    assertThat(services.recordingRegistry(given)).isSameAs(given);
  }

  @Test
  void should_record_into_both_a_given_registry_and_the_one_served() {
    MeterRegistry given = new SimpleMeterRegistry();
    ProxyServices services = new ProxyServices(given, Clock.systemUTC(), null);
    PrometheusMeterRegistry scraped = services.scrapedRegistry();

    services.recordingRegistry(scraped).counter("tandem.proxy.requests", "route", "write").increment();

    assertThat(given.get("tandem.proxy.requests").counter().count()).isEqualTo(1);
    assertThat(scraped.scrape()).contains("tandem_proxy_requests_total{route=\"write\"} 1.0");
  }
}
