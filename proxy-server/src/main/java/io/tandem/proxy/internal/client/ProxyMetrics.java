package io.tandem.proxy.internal.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The proxy's own meters, next to the engine's {@code tandem.request.latency} and {@code tandem.mirror.*}:
 * <ul>
 *   <li>{@code tandem.proxy.connections}: open client connections;
 *   <li>{@code tandem.proxy.in_flight}: client requests received and not answered yet;
 *   <li>{@code tandem.proxy.requests{route}}: requests by where they went: {@code read}, {@code write},
 *       {@code schema}, {@code use}, {@code prepare}, {@code system-table}, {@code handshake}, {@code register},
 *       {@code unprepared};
 *   <li>{@code tandem.proxy.rejected{reason}}: frames refused: {@code unsupported_version}, {@code compression},
 *       {@code too_large}, {@code undecodable}, {@code corrupt_segment} (v5), {@code unexpected_opcode},
 *       {@code invalid_request}, {@code draining};
 *   <li>{@code tandem.proxy.errors{cause}}: error answers the proxy made itself: {@code connection},
 *       {@code busy}, {@code timeout}, {@code handshake}, {@code mirror}, {@code malformed}, {@code internal}.
 * </ul>
 */
public final class ProxyMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  // one map per meter name, keyed by the tag value: the per-request lookup allocates nothing
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  private final Map<String, Counter> rejections = new ConcurrentHashMap<>();
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();

  public ProxyMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("tandem.proxy.connections", connections, AtomicInteger::get)
        .description("Client connections open").register(registry);
    Gauge.builder("tandem.proxy.in_flight", inFlight, AtomicInteger::get)
        .description("Client requests received and not answered yet").register(registry);
  }

  public void connectionOpened() {
    connections.incrementAndGet();
  }

  public void connectionClosed() {
    connections.decrementAndGet();
  }

  public int openConnections() {
    return connections.get();
  }

  public void requestStarted() {
    inFlight.incrementAndGet();
  }

  public void requestFinished() {
    inFlight.decrementAndGet();
  }

  public int inFlight() {
    return inFlight.get();
  }

  public void request(String route) {
    counter(requests, "tandem.proxy.requests", "route", route).increment();
  }

  public void rejected(String reason) {
    counter(rejections, "tandem.proxy.rejected", "reason", reason).increment();
  }

  public void error(String cause) {
    counter(errors, "tandem.proxy.errors", "cause", cause).increment();
  }

  private Counter counter(Map<String, Counter> byValue, String name, String tag, String value) {
    Counter counter = byValue.get(value);
    return counter != null ? counter
        : byValue.computeIfAbsent(value, key -> Counter.builder(name).tag(tag, value).register(registry));
  }
}
