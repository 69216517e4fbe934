package io.tandem.examples.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The proxy's HTTP endpoint (metrics, health, admin; {@code --metrics-address}:{@code --metrics-port},
 * default {@code 127.0.0.1:28000}) through {@code java.net.http}, as {@code curl} would use it. Every call
 * waits at most 5 s and fails unless the answer is 200.
 */
final class AdminClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  AdminClient(InetSocketAddress endpoint) {
    this.base = "http://" + HostAndPort.format(endpoint);
  }

  /** {@code GET /metrics}: the Prometheus text. */
  Metrics metrics() {
    return new Metrics(get("/metrics"));
  }

  /** {@code POST /admin/read-side?side=source|target}; answers the new state, as JSON. */
  String routeReadsTo(String side) {
    return send(HttpRequest.newBuilder(uri(readSidePath(side))).POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** The path and query of the read-side route, e.g. {@code /admin/read-side?side=target}. */
  static String readSidePath(String side) {
    return "/admin/read-side?side=" + side.toLowerCase(Locale.ROOT);
  }

  /** The full URL of {@code path}, for messages and curl commands. */
  String url(String path) {
    return base + path;
  }

  private String get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  private URI uri(String path) {
    return URI.create(url(path));
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

  /**
   * One scrape of {@code /metrics} in the Prometheus text format.
   *
   * @param text the whole answer
   */
  record Metrics(String text) {

    /** The sample lines (not {@code # HELP}/{@code # TYPE}) whose metric name starts with one of {@code names}. */
    List<String> lines(List<String> names) {
      return text.lines()
          .filter(line -> !line.startsWith("#"))
          .filter(line -> names.stream().anyMatch(line::startsWith))
          .toList();
    }

    /**
     * The value of the first sample of {@code name} carrying every one of {@code labels} (each like {@code
     * side="target"}), or 0 when there is none.
     */
    double value(String name, String... labels) {
      return text.lines()
          .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
          .filter(line -> List.of(labels).stream().allMatch(line::contains))
          .findFirst()
          .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
          .orElse(0.0);
    }
  }
}
