package io.tandem.proxy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.core.testing.TargetStallScenarios;
import io.tandem.testkit.TandemClusters;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * {@link TargetStallScenarios} through the proxy: a driver connected to it is the application, and
 * {@code /health/readiness} counts the deadline expiries.
 */
@TandemClusters
class TargetStallThroughProxyIT extends TargetStallScenarios {

  @Override
  protected FrontDoor start(MirrorMode mode) {
    ProxyFixture fixture = ProxyFixture.start(clusters, mode, config -> config
        .adminAddress(new InetSocketAddress("127.0.0.1", 0))
        .mirror(ProxyFixture.quickMirror(mode).maxInFlight(MAX_IN_FLIGHT).build()));
    CqlSession client = fixture.clientSession();
    return new FrontDoor() {
      @Override
      public CqlSession session() {
        return client;
      }

      @Override
      public MirrorEngine engine() {
        return fixture.proxy().engine();
      }

      @Override
      public MeterRegistry meters() {
        return fixture.meters();
      }

      @Override
      public void assertReported(double deadlineExpiries) throws Exception {
        assertThat(readiness(fixture.proxy().adminAddress()))
            .contains("\"secondary_deadline_expiries\":" + (long) deadlineExpiries);
      }

      @Override
      public void close() {
        client.close();
        fixture.close();
      }
    };
  }

  @Override
  protected String name() {
    return "proxy";
  }

  private static String readiness(InetSocketAddress admin) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + admin.getPort() + "/health/readiness")).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
  }
}
