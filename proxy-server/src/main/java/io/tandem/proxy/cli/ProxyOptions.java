package io.tandem.proxy.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where clients connect and what they are offered, and the metrics/admin endpoint. Every flag is optional
 * and overrides the same {@code tandem.proxy} setting; defaults: {@code 0.0.0.0:29042}, protocol v3 to v5,
 * 16 MiB frames, 12 s request timeout, one event-loop thread per core, metrics on {@code 127.0.0.1:28000}.
 */
final class ProxyOptions {

  @Option(names = {"--proxy-port", "-p"}, paramLabel = "PORT", order = 30,
      description = "Port clients connect to (default 29042).")
  Integer port;

  @Option(names = "--proxy-address", paramLabel = "ADDRESS", order = 31,
      description = "Address the proxy listens on (default 0.0.0.0).")
  String address;

  @Option(names = "--proxy-topology", paramLabel = "HOST:PORT", split = ",", order = 32,
      description = "Every proxy instance clients may use, this one included, as clients reach them; drivers then "
          + "see only proxies, each owning a share of the ring (default: this instance alone).")
  List<String> topology;

  @Option(names = "--proxy-jks-file", paramLabel = "FILE", order = 33,
      description = "TLS towards clients with this JKS/PKCS12 keystore (default: plain TCP).")
  Path keystore;

  @Option(names = "--proxy-jks-password", paramLabel = "PASSWORD", order = 34,
      description = "The keystore's password (default changeit).")
  String keystorePassword;

  @Option(names = "--protocol-version", paramLabel = "VERSION", split = ",", order = 35,
      description = "Protocol version offered to clients, repeatable: 3, 4, 5 (default all three; v5 only if "
          + "both clusters speak it, else v5 clients are negotiated down to v4).")
  List<Integer> protocolVersions;

  @Option(names = "--cql-version", paramLabel = "VERSION", order = 36,
      description = "CQL_VERSION offered to clients (default: the one the primary cluster offers).")
  String cqlVersion;

  @Option(names = "--max-frame-size", paramLabel = "SIZE", converter = Converters.ByteSize.class, order = 37,
      description = "Largest frame accepted, in bytes or with a unit like 16MiB (default 16MiB).")
  Long maxFrameSize;

  @Option(names = "--request-timeout", paramLabel = "DURATION", converter = Converters.TimeSpan.class, order = 38,
      description = "How long a cluster may take to answer, e.g. 12s or PT12S (default 12s).")
  Duration requestTimeout;

  @Option(names = {"--threads", "-t"}, paramLabel = "COUNT", order = 39,
      description = "Event-loop threads (default: one per core).")
  Integer threads;

  @Option(names = "--metrics", arity = "0..1", fallbackValue = "true", paramLabel = "true|false", order = 40,
      description = "Serve /metrics, /health/* and /admin/* over HTTP (default true).")
  Boolean metrics;

  @Option(names = {"--metrics-port", "-mp"}, paramLabel = "PORT", order = 41,
      description = "Port of that endpoint (default 28000).")
  Integer metricsPort;

  @Option(names = "--metrics-address", paramLabel = "ADDRESS", order = 42,
      description = "Address of that endpoint (default 127.0.0.1: /admin/* changes routing; Azure's bound 0.0.0.0).")
  String metricsAddress;

  void addTo(Overrides overrides) {
    overrides.set(Settings.PORT, port);
    overrides.set(Settings.LISTEN_ADDRESS, address);
    overrides.set(Settings.TOPOLOGY, topology);
    overrides.set(Settings.KEYSTORE, keystore == null ? null : keystore.toString());
    overrides.set(Settings.KEYSTORE_PASSWORD, keystorePassword);
    overrides.set(Settings.PROTOCOL_VERSIONS, protocolVersions);
    overrides.set(Settings.CQL_VERSION, cqlVersion);
    overrides.set(Settings.MAX_FRAME_SIZE, maxFrameSize);
    overrides.set(Settings.REQUEST_TIMEOUT, requestTimeout == null ? null : requestTimeout.toNanos() + "ns");
    overrides.set(Settings.EVENT_LOOP_THREADS, threads);
    overrides.set(Settings.ADMIN_ENABLED, metrics);
    overrides.set(Settings.ADMIN_PORT, metricsPort);
    overrides.set(Settings.ADMIN_ADDRESS, metricsAddress);
  }
}
