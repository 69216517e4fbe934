package io.tandem.benchmarks;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.core.api.mirror.MirrorMode;
import io.tandem.driver.api.DualWriteCqlSession;
import io.tandem.driver.api.ShadowReadConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Opens every session the scenarios use, all with the same driver settings, so that a baseline and a
 * candidate differ only in what is being compared. Each {@link DualWriteCqlSession} gets its own two
 * underlying sessions (closing it closes them) and its own, empty, failed-write log folder.
 */
public final class SessionFactory {

  /** Generous, so that a slow moment on a busy machine shows in the latencies rather than as errors. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final BenchmarkClusters clusters;
  private final Path failedWriteRoot;
  private final Integer mirrorMaxInFlight;
  private final String protocolVersion;

  /**
   * @param failedWriteRoot parent folder of the failed-write logs, one sub-folder per dual session
   * @param mirrorMaxInFlight the dual sessions' {@code maxInFlight}, or null for Tandem's default
   */
  public SessionFactory(BenchmarkClusters clusters, Path failedWriteRoot, Integer mirrorMaxInFlight) {
    this(clusters, failedWriteRoot, mirrorMaxInFlight, null);
  }

  /**
   * @param protocolVersion the native protocol version every session uses ({@code "V4"}, for example), or null
   *     to let the driver negotiate the highest one the server offers
   */
  public SessionFactory(BenchmarkClusters clusters, Path failedWriteRoot, Integer mirrorMaxInFlight,
      String protocolVersion) {
    this.clusters = clusters;
    this.failedWriteRoot = failedWriteRoot;
    this.mirrorMaxInFlight = mirrorMaxInFlight;
    this.protocolVersion = protocolVersion;
  }

  /** The mirror settings every dual session gets, apart from its mode and failed-write folder. */
  public MirrorConfig.Builder mirrorSettings() {
    MirrorConfig.Builder settings = MirrorConfig.builder();
    return mirrorMaxInFlight == null ? settings : settings.maxInFlight(mirrorMaxInFlight);
  }

  /** The mirror settings in words, for the results. */
  public String describeMirrorSettings() {
    MirrorConfig settings = mirrorSettings().build();
    return "max-in-flight " + settings.maxInFlight() + ", backpressure " + settings.backpressurePolicy()
        + " up to " + settings.backpressureMaxWait().toMillis() + " ms, retry attempts "
        + settings.retryMaxAttempts() + ", failed-write log fsync " + settings.fsyncPolicy()
        + (mirrorMaxInFlight == null ? " (Tandem's defaults)" : " (max-in-flight set by --mirror-max-in-flight)");
  }

  /** A plain session on the source cluster. */
  public CqlSession source(String name) {
    return configured(clusters.sourceSessionBuilder(), name).build();
  }

  /** A plain session on the target cluster. */
  public CqlSession target(String name) {
    return configured(clusters.targetSessionBuilder(), name).build();
  }

  /**
   * A plain session whose only contact point is {@code address} (a proxy, for example) and whose local data
   * center is the source's.
   */
  public CqlSession connectingTo(String name, InetSocketAddress address) {
    return connectingTo(name, address, 1);
  }

  /** As {@link #connectingTo(String, InetSocketAddress)}, with {@code connections} connections to that node. */
  public CqlSession connectingTo(String name, InetSocketAddress address, int connections) {
    return configured(CqlSession.builder().addContactPoint(address)
        .withLocalDatacenter(clusters.sourceDatacenter()), name, connections).build();
  }

  /** A new, empty failed-write log folder called {@code name} under the failed-write root. */
  public Path emptyFailedWriteFolder(String name) {
    return emptyFolder(failedWriteRoot.resolve(name));
  }

  /** A dual session over two new sessions, mirroring in {@code mode}; its meters go to its own registry. */
  public MirrorActivity dual(String name, MirrorMode mode) {
    return dual(name, mirrorSettings().defaultMode(mode));
  }

  /** As {@link #dual(String, MirrorMode)}, with {@code settings} changing the mirror settings. */
  public MirrorActivity dual(String name, MirrorMode mode,
      java.util.function.UnaryOperator<MirrorConfig.Builder> settings) {
    return dual(name, settings.apply(mirrorSettings()).defaultMode(mode));
  }

  /** As {@link #dual(String, MirrorMode)}, with these mirror settings (its failed-write folder set here). */
  public MirrorActivity dual(String name, MirrorConfig.Builder settings) {
    Path failedWrites = emptyFailedWriteFolder(name);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DualWriteCqlSession session = DualWriteCqlSession.builder()
        .withSource(source(name + "-source"))
        .withTarget(target(name + "-target"))
        .withMirrorConfig(settings.failedWriteDirectory(failedWrites).build())
        .withShadowReads(ShadowReadConfig.OFF)
        .withMeterRegistry(registry)
        .build();
    return new MirrorActivity(session, registry);
  }

  private CqlSessionBuilder configured(CqlSessionBuilder builder, String name) {
    return configured(builder, name, 1);
  }

  private CqlSessionBuilder configured(CqlSessionBuilder builder, String name, int connections) {
    ProgrammaticDriverConfigLoaderBuilder config = DriverConfigLoader.programmaticBuilder()
        .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, connections)
        .withString(DefaultDriverOption.SESSION_NAME, name)
        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, REQUEST_TIMEOUT)
        // a scenario opens a few sessions (and a proxy opens two more): not a leak
        .withInt(DefaultDriverOption.SESSION_LEAK_THRESHOLD, 16)
        // sessions close between scenarios with nothing in flight: no need for Netty's 2 s quiet period
        .withInt(DefaultDriverOption.NETTY_IO_SHUTDOWN_QUIET_PERIOD, 0);
    if (protocolVersion != null) {
      config.withString(DefaultDriverOption.PROTOCOL_VERSION, protocolVersion);
    }
    return builder.withConfigLoader(config.build());
  }

  private static Path emptyFolder(Path folder) {
    try {
      if (Files.exists(folder)) {
        try (Stream<Path> paths = Files.walk(folder)) {
          for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot empty the failed-write folder " + folder, e);
    }
  }
}
