package io.tandem.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tandem.driver.api.DualWriteCqlSession;
import java.time.Duration;
import java.util.List;

/**
 * A {@link DualWriteCqlSession} under test together with the {@link MirrorMeters} of its engine. Closing it
 * closes the dual session and with it both underlying sessions.
 */
public final class MirrorActivity implements AutoCloseable {

  private final DualWriteCqlSession session;
  private final MirrorMeters meters;

  public MirrorActivity(DualWriteCqlSession session, SimpleMeterRegistry registry) {
    this.session = session;
    this.meters = new MirrorMeters(registry, session.engine());
  }

  public DualWriteCqlSession session() {
    return session;
  }

  /** The given writes, each counted once it succeeded for the application. */
  public Operation counted(Operation writes) {
    return meters.counted(writes);
  }

  /** See {@link MirrorMeters#awaitCopies(Duration)}. */
  public String awaitCopies(Duration timeout) throws InterruptedException {
    return meters.awaitCopies(timeout);
  }

  /** What the dual session's meters say after the scenario. */
  public List<String> findings() {
    return meters.findings();
  }

  @Override
  public void close() {
    session.close();
  }

  @Override
  public String toString() {
    return session.getName();
  }
}
