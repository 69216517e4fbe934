package io.tandem.benchmarks.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A proxy's HTTP endpoint for metrics and admin, as the harness uses it: {@code GET /metrics}, {@code GET
 * /admin/state}, {@code POST /admin/mirroring}. Every call waits at most 10 s and fails unless the answer is 200.
 */
final class AdminEndpoint {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  AdminEndpoint(InetSocketAddress address) {
    this.base = "http://" + address.getHostString() + ":" + address.getPort();
  }

  /** {@code GET /metrics}, parsed. */
  PrometheusText metrics() {
    return PrometheusText.parse(send(HttpRequest.newBuilder(uri("/metrics")).GET()));
  }

  /** {@code GET /admin/state}: the migration state as JSON. */
  String state() {
    return send(HttpRequest.newBuilder(uri("/admin/state")).GET()).strip();
  }

  /** {@code POST /admin/mirroring?enabled=false}. */
  void stopMirroring() {
    send(HttpRequest.newBuilder(uri("/admin/mirroring?enabled=false")).POST(HttpRequest.BodyPublishers.noBody()));
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private String send(HttpRequest.Builder request) {
    HttpRequest built = request.timeout(TIMEOUT).build();
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(built.method() + " " + built.uri() + " answered " + response.statusCode()
            + ": " + response.body().strip());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(built.method() + " " + built.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + built.method() + " " + built.uri(), e);
    }
  }

  @Override
  public String toString() {
    return base;
  }
}
