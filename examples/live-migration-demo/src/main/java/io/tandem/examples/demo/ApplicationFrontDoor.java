package io.tandem.examples.demo;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tandem.core.api.MirrorEngine;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.control.MigrationControl;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.driver.api.DualWriteCqlSession;
import io.tandem.proxy.api.ClusterEndpoint;
import io.tandem.proxy.api.ProxyConfig;
import io.tandem.proxy.api.TandemProxy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * How the application reaches both clusters, and where the cutover is controlled: either a {@link
 * DualWriteCqlSession} (the application's session itself mirrors), or a plain driver session connected to a
 * {@link TandemProxy} started in this JVM (the proxy mirrors). Either way {@link #control()} is the core
 * {@link MigrationControl} and {@link #engine()} the mirror engine. Either way it follows the demo's migration
 * in the control store: it starts in the stored phase and applies each step the operator makes.
 */
final class ApplicationFrontDoor implements AutoCloseable {

  private final CqlSession applicationSession;
  private final TandemProxy proxy;
  private final MigrationControl control;
  private final MirrorEngine engine;
  private final String description;

  private ApplicationFrontDoor(CqlSession applicationSession, TandemProxy proxy, MigrationControl control,
      MirrorEngine engine, String description) {
    this.applicationSession = applicationSession;
    this.proxy = proxy;
    this.control = control;
    this.engine = engine;
    this.description = description;
  }

  /**
   * The application's session is a {@link DualWriteCqlSession} over both clusters, following {@code
   * control.migrationId()} through the control store on its source session.
   */
  static ApplicationFrontDoor dualWriteSession(DemoClusters clusters, MirrorConfig mirror, ControlConfig control) {
    DualWriteCqlSession session = DualWriteCqlSession.builder()
        .withSource(clusters.sourceSessionBuilder())
        .withTarget(clusters.targetSessionBuilder())
        .withMirrorConfig(mirror)
        .withMigration(control.migrationId())
        .build();
    return new ApplicationFrontDoor(session, null, session.migration(), session.engine(),
        "DualWriteCqlSession following migration " + control.migrationId());
  }

  /**
   * A proxy on a free port of 127.0.0.1 (admin endpoint off), and a plain driver session connected to it:
   * the application does not know there are two clusters. The proxy follows {@code control.migrationId()}, as
   * {@code --migration ID} makes it.
   */
  static ApplicationFrontDoor proxy(DemoClusters clusters, MirrorConfig mirror, ControlConfig control) {
    ProxyConfig config = ProxyConfig.builder(
            endpoint("source", clusters.sourceAddress(), clusters.datacenter()),
            endpoint("target", clusters.targetAddress(), clusters.datacenter()))
        .listenAddress(new InetSocketAddress("127.0.0.1", 0))
        .adminAddress(null)
        .shutdownGracePeriod(Duration.ofSeconds(2))
        .mirror(mirror)
        .control(control)
        .build();
    TandemProxy proxy = TandemProxy.start(config);
    try {
      CqlSession session = CqlSession.builder()
          .addContactPoint(proxy.address())
          .withLocalDatacenter(clusters.datacenter())
          .build();
      return new ApplicationFrontDoor(session, proxy, proxy.control(), proxy.engine(),
          "a plain driver session connected to the Tandem proxy on "
              + proxy.address().getAddress().getHostAddress() + ":" + proxy.address().getPort()
              + " following migration " + control.migrationId());
    } catch (RuntimeException e) {
      proxy.close();
      throw e;
    }
  }

  private static ClusterEndpoint endpoint(String name, InetSocketAddress contactPoint, String datacenter) {
    return new ClusterEndpoint(name, List.of(contactPoint), false, false, null, null, null, null, datacenter);
  }

  /** The session the application uses, as if it were talking to one cluster. */
  CqlSession applicationSession() {
    return applicationSession;
  }

  MigrationControl control() {
    return control;
  }

  MirrorEngine engine() {
    return engine;
  }

  String describe() {
    return description;
  }

  /** Closes the application's session, then the proxy if there is one. */
  @Override
  public void close() {
    try {
      applicationSession.close();
    } finally {
      if (proxy != null) {
        proxy.close();
      }
    }
  }
}
