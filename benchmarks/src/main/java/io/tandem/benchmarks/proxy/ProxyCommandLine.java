package io.tandem.benchmarks.proxy;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code tandem-proxy} command line and {@code --config} file that start, from the command line, the proxy a
 * {@link ProxyConfig} describes: the clusters (plain TCP), listen address, event-loop threads, request timeout and
 * every mirror setting; and, unlike the in-process proxies, the metrics and admin endpoint on a free port of the
 * listen address. Only the settings the harness uses are carried over; a config using TLS, credentials, a local
 * data center, a topology, table modes, primary-only statements or a secondary consistency is refused.
 */
final class ProxyCommandLine {

  private ProxyCommandLine() {}

  /**
   * The arguments after the main class.
   *
   * @param configFile where {@link #configFile} is written
   */
  static List<String> arguments(ProxyConfig config, Path configFile) {
    requireCarriedOver(config);
    InetSocketAddress listen = config.listenAddress();
    return new ArrayList<>(List.of(
        contactPoints(config.source()), contactPoints(config.target()),
        "--disable-source-tls", "--disable-target-tls",
        "--proxy-address", listen.getHostString(), "--proxy-port", Integer.toString(listen.getPort()),
        "--metrics-address", listen.getHostString(), "--metrics-port", "0",
        "--threads", Integer.toString(config.eventLoopThreads()),
        "--request-timeout", config.requestTimeout().toString(),
        "--config", configFile.toString()));
  }

  /** The {@code tandem.mirror} section that gives the child proxy {@code config.mirror()}, as HOCON. */
  static String configFile(ProxyConfig config) {
    MirrorConfig mirror = config.mirror();
    if (!mirror.tableModes().isEmpty() || mirror.primaryOnlyStatements() != null
        || mirror.secondaryConsistency() != null) {
      throw new IllegalArgumentException("table modes, primary-only statements and a secondary consistency are not "
          + "carried over to a proxy process");
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("mode", mirror.defaultMode().name());
    settings.put("target-failure-policy", mirror.targetFailurePolicy().name());
    settings.put("max-in-flight", mirror.maxInFlight());
    settings.put("backpressure.policy", mirror.backpressurePolicy().name());
    settings.put("backpressure.max-wait", millis(mirror.backpressureMaxWait()));
    settings.put("inject-timestamps", mirror.injectTimestamps());
    settings.put("rewrite-non-deterministic-functions", mirror.rewriteNonDeterministicFunctions());
    settings.put("schema-changes", mirror.schemaChanges().name());
    settings.put("prepared-cache-size", mirror.preparedCacheSize());
    settings.put("retry.max-attempts", mirror.retryMaxAttempts());
    settings.put("retry.initial-backoff", millis(mirror.retryInitialBackoff()));
    settings.put("circuit-breaker.failure-rate-threshold", (double) mirror.breakerFailureRateThreshold());
    settings.put("circuit-breaker.sliding-window-size", mirror.breakerSlidingWindowSize());
    settings.put("circuit-breaker.minimum-calls", mirror.breakerMinimumCalls());
    settings.put("circuit-breaker.open-duration", millis(mirror.breakerOpenDuration()));
    settings.put("failed-write-log.directory", mirror.failedWriteDirectory().toAbsolutePath().toString());
    settings.put("failed-write-log.fsync-policy", mirror.fsyncPolicy().name());
    settings.put("failed-write-log.fsync-interval", millis(mirror.fsyncInterval()));
    settings.put("failed-write-log.max-segment-size", mirror.maxSegmentBytes());
    settings.put("replay.interval", millis(mirror.replayInterval()));
    settings.put("replay.batch-size", mirror.replayBatchSize());
    return "# Written by the proxy harness: the mirror settings of this scenario's proxy\n"
        + ConfigFactory.parseMap(Map.of("tandem", Map.of("mirror", ConfigFactory.parseMap(settings).root())))
            .root().render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false));
  }

  private static void requireCarriedOver(ProxyConfig config) {
    for (ClusterEndpoint cluster : List.of(config.source(), config.target())) {
      if (cluster.tls() || cluster.hasCredentials() || cluster.localDatacenter() != null) {
        throw new IllegalArgumentException("TLS, credentials and a local data center are not carried over to a "
            + "proxy process: " + cluster.name());
      }
    }
    if (config.clientKeystore() != null || !config.topologyAddresses().isEmpty()) {
      throw new IllegalArgumentException("client TLS and a proxy topology are not carried over to a proxy process");
    }
  }

  private static String contactPoints(ClusterEndpoint cluster) {
    return cluster.contactPoints().stream().map(point -> point.getHostString() + ":" + point.getPort())
        .collect(Collectors.joining(","));
  }

  private static String millis(Duration duration) {
    return duration.toMillis() + "ms";
  }
}
