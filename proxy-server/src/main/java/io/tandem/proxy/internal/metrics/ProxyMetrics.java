package io.tandem.proxy.internal.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The proxy's own meters, next to the engine's {@code tandem.request.latency} and {@code tandem.mirror.*}:
 * {@code tandem.proxy.connections} (open client connections), {@code tandem.proxy.requests{route}} (requests
 * by where they went: read, write, schema, use, prepare, system-table, handshake, other) and {@code
 * tandem.proxy.rejected{reason}} (frames refused: unsupported version, too large, undecodable, unexpected
 * opcode, corrupt v5 segment, overloaded, draining), {@code tandem.proxy.errors{cause}} (error answers the
 * proxy made itself).
 */
public final class ProxyMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger connections = new AtomicInteger();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public ProxyMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("tandem.proxy.connections", connections, AtomicInteger::get)
        .description("Client connections open").register(registry);
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

  public void request(String route) {
    counter("tandem.proxy.requests", "route", route).increment();
  }

  public void rejected(String reason) {
    counter("tandem.proxy.rejected", "reason", reason).increment();
  }

  public void error(String cause) {
    counter("tandem.proxy.errors", "cause", cause).increment();
  }

  private Counter counter(String name, String tag, String value) {
    return counters.computeIfAbsent(name + '|' + value,
        key -> Counter.builder(name).tag(tag, value).register(registry));
  }
}
