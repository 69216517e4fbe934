package io.tandem.examples.demo;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.DriverException;
import io.tandem.core.api.Side;
import io.tandem.core.api.control.ControlConfig;
import io.tandem.core.api.mirror.MirrorConfig;
import io.tandem.examples.demo.SyntheticApplication.Figures;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Everything a run starts, closed once, in reverse order: the application's threads, its front door (session
 * or proxy), the control store, the direct sessions to each cluster, and the embedded clusters. {@link
 * #close()} is called by the run when it ends, whatever the outcome, and by the shutdown hook on Ctrl-C; the
 * second call does nothing.
 */
final class Resources implements AutoCloseable {

  private final PhaseLog log;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile DemoClusters clusters;
  private volatile CqlSession source;
  private volatile CqlSession target;
  private volatile DemoControlPlane controlPlane;
  private volatile ApplicationFrontDoor frontDoor;
  private volatile SyntheticApplication application;

  Resources(PhaseLog log) {
    this.log = log;
  }

  /** Starts the embedded clusters, or names the real ones, and opens a direct session to each. */
  void connect(DemoSettings settings) {
    clusters = settings.embedded() ? DemoClusters.startEmbedded(settings.workDirectory(), settings.heap())
        : DemoClusters.external(settings.source(), settings.target(), settings.datacenter());
    source = connect(clusters.sourceSessionBuilder(), "source", clusters.sourceAddress());
    target = connect(clusters.targetSessionBuilder(), "target", clusters.targetAddress());
  }

  private CqlSession connect(CqlSessionBuilder builder, String name, InetSocketAddress address) {
    try {
      return builder.build();
    } catch (DriverException e) {
      throw new IllegalStateException("Could not connect to the " + name + " cluster at " + address.getHostString()
          + ":" + address.getPort() + " (local data center " + clusters.datacenter() + "): " + e.getMessage(), e);
    }
  }

  DemoClusters clusters() {
    return clusters;
  }

  /** A session to one cluster only: the demo's own tooling (schema, history, drift, copy, validation). */
  CqlSession direct(Side side) {
    return side == Side.SOURCE ? source : target;
  }

  /** Creates the migration {@code id} in the control store on the source cluster. */
  DemoControlPlane createMigration(String id) {
    controlPlane = DemoControlPlane.create(source, id, log);
    return controlPlane;
  }

  ApplicationFrontDoor openFrontDoor(boolean viaProxy, MirrorConfig mirror, ControlConfig control) {
    frontDoor = viaProxy ? ApplicationFrontDoor.proxy(clusters, mirror, control)
        : ApplicationFrontDoor.dualWriteSession(clusters, mirror, control);
    return frontDoor;
  }

  ApplicationFrontDoor frontDoor() {
    return frontDoor;
  }

  SyntheticApplication startApplication(DemoSettings settings, HistoryLoader.History history) {
    application = SyntheticApplication.start(frontDoor.applicationSession(), settings.keyspace(), history,
        settings.applicationThreads());
    return application;
  }

  void stopApplication() throws InterruptedException {
    if (application != null) {
      application.stop();
    }
  }

  /** What the application did, or {@code null} when it never started. */
  Figures applicationFigures() {
    return application == null ? null : application.figures();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    PhaseLog.Phase phase = log.begin("Stop everything the demo started");
    try {
      stopApplication();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly(frontDoor, "the application's front door");
    closeQuietly(controlPlane, "the control store");
    closeQuietly(source, "the source session");
    closeQuietly(target, "the target session");
    if (clusters != null && clusters.embedded()) {
      log.line("stopping the embedded clusters; their logs: %s", clusters.logFiles());
    }
    closeQuietly(clusters, "the clusters");
    phase.end(clusters != null && clusters.embedded() ? "application, sessions and both clusters stopped"
        : "application and sessions stopped");
  }

  private void closeQuietly(AutoCloseable closeable, String what) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      log.line("could not close %s: %s", what, e);
    }
  }
}
